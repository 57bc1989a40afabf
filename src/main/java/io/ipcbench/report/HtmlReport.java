package io.ipcbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.peer.CpuCostProfiler;

/**
 * One self-contained page: how many forks stand behind the figures, the pipe/fifo self-check, the
 * steady-state test, a table per transport and payload (medians over forks with 95 % intervals,
 * percentiles with the samples behind them), the load benchmark's section ({@link LoadTable}) when
 * there are load rows, and the charts (embedded PNGs).
 */
public final class HtmlReport {
    private static final String[] COLUMNS = {"transport", "payload", "placement", "forks", "mean", "p50", "p99", "p99.9", "max",
        "samples", "msgs", "mbs", "cpuI", "cpuP", "notes"};

    private HtmlReport() {
    }

    public static void write(ResultSet results, List<Charts.Written> charts, Path file) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ipc-bench report</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:4px 6px;text-align:right}")
                .append("th{background:#f4f4f4}td:first-child,th:first-child,td.note{text-align:left}img{max-width:100%}")
                .append(".warn{background:#fdecea;border:1px solid #e0a0a0;padding:0.5em 1em}</style></head><body>\n")
                .append("<h1>ipc-bench report</h1>\n<p>Results: <code>").append(escape(results.json().toString())).append("</code>");
        if (results.fingerprint() != null) {
            html.append("<br>Measured on: ").append(escape(results.fingerprint().summary()));
            for (String line : results.fingerprint().floorLines()) {
                html.append("<br>The machine's floor ").append(escape(line));
            }
        }
        html.append("</p>\n");
        if (results.fingerprint() != null && !results.fingerprint().floorMoved().isEmpty()) {
            html.append("<p class=\"warn\">The machine's floor moved during the run: ")
                    .append(escape(String.join("; ", results.fingerprint().floorMoved())))
                    .append(". The host changed the machine under the run (on a VM, it moved the vCPUs): read this run as two machines "
                            + "mixed, and compare its figures with care.</p>\n");
        }
        for (String warning : ForkFloors.warnings(results)) {
            html.append("<p class=\"warn\">").append(escape(warning)).append(".</p>\n");
        }
        html.append("<p>RTT is the full round trip (never halved). MB/s is 10<sup>6</sup> payload bytes per second, one way. "
                + "CPU is ns per message of the whole initiator process plus the whole peer process; a round trip moves two messages.</p>\n");
        html.append(skippedNote(results.fingerprint()));
        html.append(forksNote(results.rows()));
        html.append(latencyNote(results.rows()));
        html.append(selfCheck(results));
        html.append(lostWakeUpsNote(results.rows()));
        html.append(steadyStateNote(results.rows()));
        List<ResultRow> unpaced = results.rows().stream().filter(r -> !r.isLoad()).toList();
        if (!unpaced.isEmpty()) {
            html.append(table(unpaced));
        }
        html.append(WakeUpShare.html(results.rows()));
        html.append(capacityTable(results.rows()));
        html.append(LoadTable.html(results.rows()));
        for (Charts.Written chart : charts) {
            byte[] png = Files.readAllBytes(file.resolveSibling(chart.name() + ".png"));
            html.append("<h2>").append(escape(chart.title())).append("</h2>\n<img alt=\"").append(escape(chart.title()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        }
        html.append("</body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /**
     * The announced wake-ups' lost wake-ups (a sleep that ran out while its message was there): one
     * line saying they were 0 in every row that counts them, or a warning naming the rows that lost
     * some, whose tails then hold 200 ms sleeps that are the protocol's fault, not the mechanism's.
     */
    static String lostWakeUpsNote(List<ResultRow> rows) {
        int counted = 0;
        List<String> lost = new java.util.ArrayList<>();
        for (ResultRow row : rows) {
            ResultRow.Metric metric = row.secondary().get(io.ipcbench.peer.LostWakeUps.METRIC);
            if (metric == null) {
                continue;
            }
            counted++;
            double total = metric.iterations().stream().mapToDouble(Double::doubleValue).sum();
            if (total > 0) {
                lost.add(row.transportLabel() + " " + row.benchmark() + " payload=" + row.param(Benchmarks.PAYLOAD) + ": "
                        + Math.round(total));
            }
        }
        if (counted == 0) {
            return "";
        }
        if (lost.isEmpty()) {
            return "<p>Lost wake-ups (a sleep that ran out while its message was there): 0 in all " + counted
                    + " rows that wake a sleeper only when it may sleep.</p>\n";
        }
        return "<p class=\"warn\">Lost wake-ups, which the protocol must never have (each costs a 200 ms sleep in the tail): "
                + escape(String.join("; ", lost)) + ".</p>\n";
    }

    /**
     * The bytes one direction of each row's channel held, as granted: a pipe's 64 KiB beside a
     * System V queue's 16 KiB explains more than one streaming figure. Nothing for a result set
     * from before the figure was recorded.
     */
    static String capacityTable(List<ResultRow> rows) {
        Map<String, Map<String, Long>> capacities = Fingerprint.capacities(rows);
        if (capacities.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Buffers</h2>\n<p>The bytes one direction of each channel held, as the kernel"
                + " (or the ring) granted them (<code>-p capacity=</code>, or each mechanism's own; a socket counts its bookkeeping"
                + " too, and sysv-mq's one queue serves both directions).</p>\n<table><tr><th>transport</th><th>bytes by payload</th></tr>\n");
        capacities.forEach((transport, byPayload) -> {
            StringBuilder cells = new StringBuilder();
            byPayload.forEach((payload, bytes) -> cells.append(cells.length() == 0 ? "" : ", ").append(payload).append(" B: ")
                    .append(bytes));
            html.append("<tr><td>").append(escape(transport)).append("</td><td>").append(escape(cells.toString())).append("</td></tr>\n");
        });
        return html.append("</table>\n").toString();
    }

    /** The combinations the sweep asked for that could not run, one item each with the reason; nothing if none. */
    static String skippedNote(Fingerprint fingerprint) {
        List<String> skipped = fingerprint == null ? List.of() : fingerprint.skipped();
        if (skipped.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<p>Skipped: ").append(skipped.size())
                .append(skipped.size() == 1 ? " combination" : " combinations")
                .append(" of the sweep cannot run here, so the tables have no row for them:</p>\n<ul>");
        skipped.forEach(line -> html.append("<li>").append(escape(line)).append("</li>"));
        return html.append("</ul>\n").toString();
    }

    /** How many forks stand behind the figures, and what the intervals are. */
    static String forksNote(List<ResultRow> rows) {
        int fewest = rows.stream().mapToInt(ResultRow::forkCount).min().orElse(0);
        int most = rows.stream().mapToInt(ResultRow::forkCount).max().orElse(0);
        StringBuilder note = new StringBuilder("<p>Forks: ").append(fewest == most ? fewest + " per row" : fewest + " to " + most + " per row")
                .append(". Each figure is the median over forks (separate JVMs) of that fork's own value, and [a–b] its 95 % interval: "
                        + "a Student-t interval on the logarithms of the per-fork values. Forks, not iterations, are the samples: "
                        + "JVMs differ more than the iterations within one do.");
        if (fewest < ForkEstimate.MIN_FORKS) {
            note.append(" <b>Rows with fewer than ").append(ForkEstimate.MIN_FORKS).append(" forks show no interval</b> (")
                    .append(fewest).append(fewest == 1 ? " fork" : " forks")
                    .append(" cannot give an honest one); measure with <code>-f 3</code> or more.");
        }
        return note.append("</p>\n").toString();
    }

    /** Where the round-trip percentiles come from and what "n/a" means. */
    static String latencyNote(List<ResultRow> rows) {
        List<String> sources = rows.stream().filter(r -> r.isRoundTrip() && r.latency() != null)
                .map(r -> r.latency().source().description()).distinct().toList();
        if (sources.isEmpty()) {
            return "";
        }
        return "<p>RTT mean is total time ÷ round trips (the benchmark's score); RTT percentiles: " + escape(String.join("; ", sources))
                + ". <i>samples</i> is the number of round trips behind each percentile; a percentile with fewer than "
                + Latency.MIN_BEYOND + " samples beyond it (samples × (1 − q) &lt; " + Latency.MIN_BEYOND
                + ") reads n/a. The max is the largest round trip observed.</p>\n";
    }

    /** The pipe/fifo self-check: a warning box when they disagree, else one line per pair. */
    static String selfCheck(ResultSet results) {
        List<SelfCheck.Pair> pairs = SelfCheck.pairs(results);
        if (pairs.isEmpty()) {
            return "<p>Self-check: not made (it needs round trips of both pipe and fifo at the same payload and placement).</p>\n";
        }
        List<String> warnings = SelfCheck.warnings(results);
        StringBuilder html = new StringBuilder();
        if (!warnings.isEmpty()) {
            html.append("<div class=\"warn\"><b>Warning:</b><ul>");
            warnings.forEach(w -> html.append("<li>").append(escape(w)).append("</li>"));
            html.append("</ul>Pipe and fifo are the same kernel object opened two ways, so they must agree: the machine changed "
                    + "under the run, and any difference between transports here may be the machine too. Re-run; read the figures "
                    + "against the floor (the <code>shm-spin</code> row, which never sleeps, and the A/A noise floors of "
                    + "<code>scripts/compare</code>); use more forks (<code>-f 5</code>), so one slow JVM weighs less.</div>\n");
        }
        List<SelfCheck.Pair> others = pairs.stream().filter(p -> p.outcome() != SelfCheck.Outcome.DISAGREE).toList();
        if (!others.isEmpty()) {
            html.append("<p>Self-check (pipe and fifo are one kernel object opened two ways): ")
                    .append(escape(String.join("; ", others.stream().map(SelfCheck.Pair::line).toList()))).append(".</p>\n");
        }
        return html.toString();
    }

    /** A summary of the steady-state test; the flagged rows carry their note in the table. */
    static String steadyStateNote(List<ResultRow> rows) {
        long flagged = rows.stream().filter(r -> SteadyState.of(r).flagged()).count();
        long untestable = rows.stream().filter(r -> !SteadyState.of(r).testable()).count();
        StringBuilder note = new StringBuilder("<p>Steady state: a row is flagged when its per-iteration scores trend over the measured "
                + "iterations (Spearman ρ against the iteration index within each fork, pooled; permutation p &lt; ")
                .append(SteadyState.ALPHA).append(" and |ρ| ≥ ").append(SteadyState.MIN_RHO)
                .append("; by chance alone at most one steady row in 20 is flagged). ")
                .append(flagged == 0 ? "No row is flagged." : "<b>" + flagged + (flagged == 1 ? " row is" : " rows are")
                        + " flagged</b> (see notes): more warm-up iterations, or longer ones, would change the figure.");
        if (untestable > 0) {
            note.append(' ').append(untestable).append(untestable == 1 ? " row has" : " rows have")
                    .append(" too few measured iterations to show a trend at all (e.g. 2 per fork); they are not known to be steady.");
        }
        return note.append("</p>\n").toString();
    }

    /** Transport × payload (× placement): RTT mean and percentiles, msg/s and MB/s, CPU ns per message, notes. */
    static String table(List<ResultRow> rows) {
        Map<String, Map<String, String>> lines = new TreeMap<>();
        for (ResultRow row : rows) {
            String key = row.transportLabel() + "\u0000" + String.format("%012d", Long.parseLong(row.param(Benchmarks.PAYLOAD).isEmpty() ? "0" : row.param(Benchmarks.PAYLOAD)))
                    + "\u0000" + row.param(Benchmarks.PLACEMENT);
            Map<String, String> line = lines.computeIfAbsent(key, k -> new LinkedHashMap<>());
            line.put("transport", row.transportLabel());
            line.put("payload", row.param(Benchmarks.PAYLOAD));
            line.put("placement", row.param(Benchmarks.PLACEMENT));
            line.merge("forks", String.valueOf(row.forkCount()), (a, b) -> a.equals(b) ? a : a + " / " + b);
            String trend = SteadyState.warning(row);
            if (row.isRoundTrip()) {
                line.put("mean", row.estimate().text());
                Latency latency = row.latency();
                if (latency != null) {
                    Latency.Percentile p50 = latency.get("p50");
                    line.put("p50", p50 == null ? "" : p50.text() + (p50.supported() && p50.value().hasInterval()
                            ? " " + p50.value().intervalText() : ""));
                    for (String label : new String[] {"p99", "p99.9", "max"}) {
                        Latency.Percentile p = latency.get(label);
                        line.put(label, p == null ? "" : p.text());
                    }
                    line.put("samples", latency.samplesText());
                }
                if (trend != null) {
                    line.merge("notes", "round trip " + trend, (a, b) -> a + "; " + b);
                }
            } else if (row.isStream()) {
                ResultRow.Metric bytes = row.secondary().get("bytes");
                line.put("mbs", bytes == null ? "" : Formats.number(Charts.megabytesPerSecond(row)));
                line.put("msgs", row.estimate().text());
                ResultRow.Metric initiator = row.secondary().get(CpuCostProfiler.INITIATOR);
                ResultRow.Metric peer = row.secondary().get(CpuCostProfiler.PEER);
                line.put("cpuI", initiator == null ? "" : Formats.number(initiator.score()));
                line.put("cpuP", peer == null ? "" : Formats.number(peer.score()));
                if (trend != null) {
                    line.merge("notes", "stream " + trend, (a, b) -> a + "; " + b);
                }
            }
        }
        StringBuilder html = new StringBuilder("<table><tr><th>transport</th><th>payload (B)</th><th>placement</th><th>forks</th>"
                + "<th>RTT mean (µs) [95 %]</th><th>RTT p50 (µs) [95 %]</th><th>RTT p99</th><th>RTT p99.9</th><th>RTT max</th>"
                + "<th>samples</th><th>stream msg/s [95 %]</th><th>stream MB/s</th>"
                + "<th>CPU initiator (ns/msg)</th><th>CPU peer (ns/msg)</th><th>notes</th></tr>\n");
        for (Map<String, String> line : lines.values()) {
            html.append("<tr>");
            for (String column : COLUMNS) {
                html.append(column.equals("notes") ? "<td class=\"note\">" : "<td>").append(escape(line.getOrDefault(column, "")))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
