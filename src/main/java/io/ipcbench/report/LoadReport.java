package io.ipcbench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.OfferedRate;
import io.ipcbench.peer.CpuCostProfiler;
import io.ipcbench.peer.TrialProfiler;
import io.ipcbench.report.Formats.Palette;

/**
 * The report's latency-under-load section (docs/measurement.md, "Measurement"): what it reads
 * from a load row ({@link LoadRows}: the rate offered and achieved, saturation), its table in
 * report.html ({@link LoadTable}) and its charts ({@link LoadCharts}).
 */
final class LoadReport {
    private LoadReport() {
    }

    /**
     * What the report reads from a load benchmark row: the rate offered (its {@code rate} param), the
     * rate achieved and whether it was saturated (the load profiler's metrics, or worked out from the
     * score when a row lacks them).
     */
    static final class LoadRows {
        private LoadRows() {
        }

        /** Messages/s offered; infinite for {@code max} (so it sorts last), NaN if unreadable. */
        static double offered(ResultRow row) {
            try {
                OfferedRate rate = OfferedRate.parse(row.param(Benchmarks.RATE));
                return rate.isMax() ? Double.POSITIVE_INFINITY : rate.perSecond();
            } catch (BadInput unreadable) {
                return Double.NaN;
            }
        }

        /** Messages/s achieved: the median over forks of each fork's rate. */
        static double achieved(ResultRow row) {
            ResultRow.Metric achieved = row.secondary().get(TrialProfiler.ACHIEVED);
            return achieved != null ? achieved.estimate().median() : row.estimate().median();
        }

        /** True when any measured iteration fell short of the offered rate. */
        static boolean saturated(ResultRow row) {
            ResultRow.Metric saturated = row.secondary().get(TrialProfiler.SATURATED);
            if (saturated != null) {
                return saturated.score() > 0;
            }
            double offered = offered(row);
            return Double.isFinite(offered) && achieved(row) < TrialProfiler.SATURATION_SHARE * offered;
        }
    }

    /**
     * The report's section on latency under load: what the load rows measure, what saturated means,
     * and a table with one line per transport, payload, placement and offered rate.
     */
    static final class LoadTable {
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
                    + Math.round(TrialProfiler.SATURATION_SHARE * 100) + " % of the offered rate in any measured iteration: the transport"
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
                HtmlReport.cells(html.append("<tr>"), row.transportLabel(), Formats.bytes(Long.parseLong(row.param(Benchmarks.PAYLOAD))),
                        row.param(Benchmarks.PLACEMENT), row.param(Benchmarks.RATE), Formats.number(LoadRows.achieved(row)));
                for (String label : new String[] {"p50", "p99", "p99.9", "max"}) {
                    Latency.Percentile p = latency == null ? null : latency.get(label);
                    HtmlReport.cells(html, p == null ? "" : p.text());
                }
                HtmlReport.cells(html, latency == null ? "" : latency.samplesText());
                for (String metric : new String[] {CpuCostProfiler.INITIATOR, CpuCostProfiler.PEER, CpuCostProfiler.INITIATOR_UTILIZATION,
                    CpuCostProfiler.PEER_UTILIZATION}) {
                    ResultRow.Metric value = row.secondary().get(metric);
                    HtmlReport.cells(html, value == null ? "" : Formats.number(value.score()));
                }
                html.append("<td class=\"note\">").append(LoadRows.saturated(row)
                        ? "<b>saturated</b>: the percentiles are a growing backlog's queueing delay" : "").append("</td></tr>\n");
            }
            return html.append("</table>\n").toString();
        }
    }

    /**
     * The load benchmark's charts, two per payload: round-trip p50 (solid), p99 (dashed) and p99.9
     * (dotted) against the rate achieved, and CPU per message of the peer (solid) and the initiator
     * (dashed) against it; one colour per transport, points in the order of the offered rate, and a
     * cross over every point of a saturated row (its latency is a growing backlog's, not the
     * mechanism's at that rate).
     */
    static final class LoadCharts {
        private static final String[][] PERCENTILES = {{"p50", "solid"}, {"p99", "dash"}, {"p99.9", "dot"}};

        private LoadCharts() {
        }

        static List<Charts.Written> writeAll(List<ResultRow> rows, Path dir) throws IOException {
            Map<Long, List<ResultRow>> byPayload = new TreeMap<>();
            rows.stream().filter(ResultRow::isLoad)
                    .forEach(r -> byPayload.computeIfAbsent(Long.parseLong(r.param(Benchmarks.PAYLOAD)), p -> new ArrayList<>()).add(r));
            List<Charts.Written> written = new ArrayList<>();
            for (Map.Entry<Long, List<ResultRow>> payload : byPayload.entrySet()) {
                long bytes = payload.getKey();
                written.add(Charts.save(latencyChart(payload.getValue(), bytes), dir, "load-" + bytes,
                        "Latency under load at " + bytes + " B: RTT from each message's scheduled send, p50 solid, p99 dashed, p99.9 dotted,"
                        + " against the rate achieved (× where saturated)"));
                written.add(Charts.save(cpuChart(payload.getValue(), bytes), dir, "load-cpu-" + bytes,
                        "CPU per message under load at " + bytes + " B: peer solid, initiator dashed (its pacing spins), against the rate"
                        + " achieved (× where saturated)"));
            }
            return written;
        }

        private static XYChart latencyChart(List<ResultRow> rows, long payload) {
            XYChart chart = Charts.logLog("Latency under load at " + Formats.bytes(payload) + " (× saturated; direction=oneway: one way, else the round trip)",
                    "messages/s achieved", "latency");
            chart.setCustomXAxisTickLabelsFormatter(x -> Charts.tick(Formats.rate(x)));
            chart.setCustomYAxisTickLabelsFormatter(y -> Charts.tick(Formats.micros(y)));
            for (Map.Entry<String, List<ResultRow>> series : Charts.bySeries(rows).entrySet()) {
                Color c = Palette.awt(series.getValue().get(0).param(Benchmarks.TRANSPORT));
                for (String[] percentile : PERCENTILES) {
                    XYSeries line = line(chart, series.getKey() + " " + percentile[0], series.getValue(), r -> Charts.percentile(r.loadLatency(), percentile[0]), c,
                            percentile[1]);
                    line.setShowInLegend(percentile[0].equals("p50"));
                }
            }
            return chart;
        }

        private static XYChart cpuChart(List<ResultRow> rows, long payload) {
            XYChart chart = Charts.logLog("CPU per message under load at " + Formats.bytes(payload) + " (× saturated)", "messages/s achieved",
                    "CPU per message");
            chart.setCustomXAxisTickLabelsFormatter(x -> Charts.tick(Formats.rate(x)));
            chart.setCustomYAxisTickLabelsFormatter(y -> Charts.tick(Formats.nanos(y)));
            for (Map.Entry<String, List<ResultRow>> series : Charts.bySeries(rows).entrySet()) {
                Color c = Palette.awt(series.getValue().get(0).param(Benchmarks.TRANSPORT));
                line(chart, series.getKey() + " peer", series.getValue(), r -> metric(r, CpuCostProfiler.PEER), c, "solid");
                line(chart, series.getKey() + " initiator", series.getValue(), r -> metric(r, CpuCostProfiler.INITIATOR), c, "dash")
                        .setShowInLegend(false);
            }
            return chart;
        }

        /**
         * One line through the rows in the order of their offered rate (max last), at the rate each
         * achieved, and a cross in the same colour over each saturated one.
         */
        private static XYSeries line(XYChart chart, String name, List<ResultRow> rows, ToDoubleFunction<ResultRow> y, Color color,
                String style) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> saturatedX = new ArrayList<>();
            List<Double> saturatedY = new ArrayList<>();
            for (ResultRow row : rows.stream().sorted(Comparator.comparingDouble(LoadRows::offered)).toList()) {
                double x = LoadRows.achieved(row);
                double value = y.applyAsDouble(row);
                if (!(x > 0) || !(value > 0)) {
                    continue; // NaN or missing: no point
                }
                xs.add(x);
                ys.add(value);
                if (LoadRows.saturated(row)) {
                    saturatedX.add(x);
                    saturatedY.add(value);
                }
            }
            if (xs.isEmpty()) {
                xs.add(1.0);
                ys.add(Double.NaN); // XChart needs a point; NaN draws nothing
            }
            XYSeries series = chart.addSeries(name, xs, ys);
            series.setLineColor(color);
            series.setMarkerColor(color);
            series.setLineStyle(style.equals("solid") ? SeriesLines.SOLID : style.equals("dash") ? SeriesLines.DASH_DASH : SeriesLines.DOT_DOT);
            series.setMarker(style.equals("solid") ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (!saturatedX.isEmpty()) {
                XYSeries crosses = chart.addSeries(name + " saturated", saturatedX, saturatedY);
                crosses.setLineStyle(SeriesLines.NONE);
                crosses.setMarker(SeriesMarkers.CROSS);
                crosses.setMarkerColor(color);
                crosses.setShowInLegend(false);
            }
            return series;
        }

        private static double metric(ResultRow row, String name) {
            ResultRow.Metric metric = row.secondary().get(name);
            return metric == null ? Double.NaN : metric.score();
        }
    }
}
