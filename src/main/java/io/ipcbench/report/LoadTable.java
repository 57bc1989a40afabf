package io.ipcbench.report;

import java.util.Comparator;
import java.util.List;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.peer.CpuCostProfiler;
import io.ipcbench.peer.LoadProfiler;

/**
 * The report's section on latency under load: what the load rows measure, what saturated means,
 * and a table with one line per transport, payload, placement and offered rate.
 */
final class LoadTable {
    private LoadTable() {
    }

    /** The section, or nothing when the result set has no load rows. */
    static String html(List<ResultRow> rows) {
        List<ResultRow> load = rows.stream().filter(ResultRow::isLoad)
                .sorted(Comparator.comparing((ResultRow r) -> r.transportLabel())
                        .thenComparingLong(r -> Long.parseLong(r.param(Benchmarks.PAYLOAD)))
                        .thenComparing(r -> r.param(Benchmarks.PLACEMENT))
                        .thenComparingDouble(LoadRows::offered))
                .toList();
        if (load.isEmpty()) {
            return "";
        }
        long saturated = load.stream().filter(LoadRows::saturated).count();
        StringBuilder html = new StringBuilder("<h2>Latency under load</h2>\n<p>LoadBenchmark offers round trips (or, with"
                + " <code>-p direction=oneway</code>, one-way messages timed by their receiver) at a fixed rate"
                + " (messages per second; <i>max</i>: each leaves as the last returns) and times each from its <b>scheduled</b> send,"
                + " so a stall delays every message that was due during it, not only the one in flight (no coordinated omission)."
                + " Percentiles are of every message: the round trip, or one way where the transport's name says direction=oneway."
                + " A row is <b>saturated</b> when it achieved less than "
                + Math.round(LoadProfiler.SATURATION_SHARE * 100) + " % of the offered rate in any measured iteration: the transport"
                + " (or the machine) could not keep up, the backlog grew for the whole iteration, and its percentiles are that"
                + " queueing delay, not the transport's latency at that rate. The initiator busy-waits for each slot, so its CPU"
                + " holds the pacing's spin; the peer's CPU is the mechanism's cost at that rate. ")
                .append(saturated == 0 ? "No row is saturated." : "<b>" + saturated + (saturated == 1 ? " row is" : " rows are") + " saturated.</b>")
                .append("</p>\n<table><tr><th>transport</th><th>payload</th><th>placement</th><th>rate offered (msg/s)</th>"
                        + "<th>rate achieved (msg/s)</th><th>latency p50 (µs)</th><th>p99</th><th>p99.9</th><th>max</th>"
                        + "<th>samples</th><th>CPU initiator (ns/msg)</th><th>CPU peer (ns/msg)</th><th>initiator CPUs</th>"
                        + "<th>peer CPUs</th><th>notes</th></tr>\n");
        for (ResultRow row : load) {
            Latency latency = row.loadLatency();
            html.append("<tr>");
            cell(html, row.transportLabel());
            cell(html, Formats.bytes(Long.parseLong(row.param(Benchmarks.PAYLOAD))));
            cell(html, row.param(Benchmarks.PLACEMENT));
            cell(html, row.param(Benchmarks.RATE));
            cell(html, Formats.number(LoadRows.achieved(row)));
            for (String label : new String[] {"p50", "p99", "p99.9", "max"}) {
                Latency.Percentile p = latency == null ? null : latency.get(label);
                cell(html, p == null ? "" : p.text());
            }
            cell(html, latency == null ? "" : latency.samplesText());
            for (String metric : new String[] {CpuCostProfiler.INITIATOR, CpuCostProfiler.PEER, CpuCostProfiler.INITIATOR_UTILIZATION,
                CpuCostProfiler.PEER_UTILIZATION}) {
                ResultRow.Metric value = row.secondary().get(metric);
                cell(html, value == null ? "" : Formats.number(value.score()));
            }
            html.append("<td class=\"note\">").append(LoadRows.saturated(row)
                    ? "<b>saturated</b>: the percentiles are a growing backlog's queueing delay" : "").append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static void cell(StringBuilder html, String text) {
        html.append("<td>").append(HtmlReport.escape(text)).append("</td>");
    }
}
