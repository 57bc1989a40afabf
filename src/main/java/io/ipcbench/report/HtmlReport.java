package io.ipcbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.peer.CpuCostProfiler;
import io.ipcbench.report.Charts.WakeUpShare;
import io.ipcbench.report.Formats.Palette;
import io.ipcbench.report.LoadReport.LoadTable;
import io.ipcbench.report.SelfCheck.SteadyState;

/**
 * The run's page, one self-contained file that works offline and by e-mail. It answers before it
 * explains: the verdict ({@link Verdict}) first, with one line on the machine and one per warning;
 * then the charts, drawn in the browser by report.js with uPlot (inlined from its WebJar) from the
 * run's data ({@link ReportData}) as small multiples by family; then every row, each opening to its
 * percentile plot; then how to read it all — forks, intervals, the self-check, the steady-state
 * test, buffers, latency under load — and the details behind each warning.
 *
 * <p>uPlot and not ECharts: 50 KB against a megabyte inlined into every report, canvas charts that
 * stay fast with a hundred series, log axes, a legend that shows the hovered values and hides a
 * series on a click — what these charts need, and nothing a reader must download.
 */
public final class HtmlReport {
    /** The uPlot WebJar's version: keep it in step with {@code uplot.version} in pom.xml. */
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    // the p50 leads: it is the verdict's and the charts' figure, and it reproduces from run to run better than the mean
    // (results/README.md, "The verdict names what the forks show")
    private static final String[] COLUMNS = {"transport", "payload", "placement", "forks", "p50", "mean", "p99", "p99.9", "max",
        "samples", "msgs", "mbs", "oneP50", "oneP99", "half", "cpuI", "cpuP", "notes"};

    private HtmlReport() {
    }

    /** The page of {@code results}, with {@code earlier} (if not null) overlaid on its charts. */
    public static void write(ResultSet results, ResultSet earlier, List<Charts.Written> charts, Path file) throws IOException {
        HostPlacements placements = HostPlacements.of(results);
        Function<ResultRow, Map<String, ResultRow>> split = byPlacement(placements);
        List<Warning> warnings = warnings(results);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>ipc-bench: run ")
                .append(escape(results.id())).append("</title>\n<style>").append(resource(UPLOT + "uPlot.min.css"))
                .append(resource("io/ipcbench/report/report.css")).append("</style></head><body>\n");
        html.append(header(results, earlier));
        html.append(verdictPanel(results, placements, split, warnings));
        html.append("<section id=\"charts\"><h2>Charts</h2>\n<p class=\"hint\">Small multiples, one per family, on shared axes;"
                + " one colour per transport on every chart. Hover for the exact value, its 95 % interval and the forks behind it;"
                + " click a legend entry to hide or show its series.")
                .append(earlier == null ? "" : " The earlier run <b>" + escape(earlier.id()) + "</b> is drawn faded and dashed.")
                .append("</p>\n<div id=\"controls\"></div><div id=\"chart-grid\"></div>"
                        + "<noscript><p>The charts are drawn by the page's script; the static ones are in the run's folder"
                        + " (rtt.png, throughput.png, …).</p></noscript></section>\n");
        if (results.rows().stream().anyMatch(r -> !r.isLoad())) {
            html.append("<section id=\"rows\"><h2>Every row</h2>\n<p class=\"hint\">Click a row for its latency distribution"
                    + " (the percentile plot of every round trip, fork by fork), its per-fork values and its CPU on both sides."
                    + " Figures are medians over forks with their 95 % interval.</p>\n")
                    .append(table(results.rows(), split)).append("</section>\n");
        }
        html.append("<section id=\"method\"><h2>How to read it</h2>\n");
        html.append(floorDetail(results));
        for (Warning warning : warnings) {
            html.append(warning.detail());
        }
        html.append("<p>RTT is the full round trip (never halved). MB/s is 10<sup>6</sup> payload bytes per second, one way. "
                + "CPU is ns per message of the whole initiator process plus the whole peer process; a round trip moves two messages.</p>\n");
        html.append(skippedNote(results.fingerprint()));
        html.append("<div id=\"w-few\">").append(forksNote(results.rows())).append("</div>");
        html.append(latencyNote(results.rows()));
        html.append(oneWayNote(results.rows()));
        if (SelfCheck.warnings(results).isEmpty()) {
            html.append(selfCheck(results));
        }
        if (lostWakeUps(results.rows()).isEmpty()) {
            html.append(lostWakeUpsNote(results.rows()));
        }
        html.append("<div id=\"w-steady\">").append(steadyStateNote(results.rows())).append("</div>");
        html.append(WakeUpShare.html(results.rows()));
        html.append(capacityTable(results.rows()));
        html.append(LoadTable.html(results.rows()));
        for (Charts.Written chart : charts) {
            if (chart.name().startsWith("load")) {
                byte[] png = Files.readAllBytes(file.resolveSibling(chart.name() + ".png"));
                html.append("<h3>").append(escape(chart.title())).append("</h3>\n<img alt=\"").append(escape(chart.title()))
                        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\">\n");
            }
        }
        if (!charts.isEmpty()) {
            html.append("<p>Static charts beside this page, for documents and CI artifacts: ")
                    .append(String.join(", ", charts.stream().map(c -> escape(c.name()) + ".png/.svg").toList())).append(".</p>\n");
        }
        html.append("</section>\n<script type=\"application/json\" id=\"report-data\">")
                .append(ReportData.json(results, placements, earlier).replace("</", "<\\/")).append("</script>\n<script>")
                .append(resource(UPLOT + "uPlot.iife.min.js")).append("</script>\n<script>")
                .append(resource("io/ipcbench/report/report.js")).append("</script>\n</body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static String header(ResultSet results, ResultSet earlier) {
        Fingerprint fingerprint = results.fingerprint();
        String profile = fingerprint == null || fingerprint.profile() == null ? "" : " · profile " + escape(fingerprint.profile());
        int fewest = results.rows().stream().mapToInt(ResultRow::forkCount).min().orElse(0);
        int most = results.rows().stream().mapToInt(ResultRow::forkCount).max().orElse(0);
        return "<header><h1>ipc-bench report</h1><p class=\"run\">Run <b>" + escape(results.id()) + "</b> (<code>"
                + escape(results.where()) + "</code>)" + profile + " · " + results.rows().size() + " rows · "
                + (fewest == most ? fewest : fewest + "–" + most) + " forks a row"
                + (earlier == null ? "" : " · against <b>" + escape(earlier.id()) + "</b>") + "</p></header>\n";
    }

    /**
     * Each row split by the host placement its forks ran in (keyed by the placement's name), or whole
     * (keyed "") where the run saw one placement or has no fork floors: a figure is never given across
     * placements. A fork without a floor reading is in no placement.
     */
    static Function<ResultRow, Map<String, ResultRow>> byPlacement(HostPlacements placements) {
        if (placements.groups().size() < 2) {
            return row -> Map.of("", row);
        }
        return row -> {
            Map<String, ResultRow> parts = new LinkedHashMap<>();
            placements.split(row).forEach((group, part) -> parts.put(group.name(), part));
            return parts;
        };
    }

    /** The answer first: the machine in one line, one line per warning, then the verdict per host placement. */
    static String verdictPanel(ResultSet results, HostPlacements placements, Function<ResultRow, Map<String, ResultRow>> split,
            List<Warning> warnings) {
        StringBuilder html = new StringBuilder("<section id=\"verdict\"><h2>Verdict</h2>\n");
        Fingerprint fingerprint = results.fingerprint();
        if (fingerprint != null) {
            html.append("<p class=\"machine\">").append(escape(fingerprint.summary()));
            Map<String, io.ipcbench.floor.Floor> floors = fingerprint.floors();
            if (floors.containsKey("start")) {
                html.append("<br>Floor at the start: ").append(escape(floors.get("start").summary()));
            }
            if (!placements.groups().isEmpty()) {
                html.append("<br>Host placements of the vCPUs, from each fork's own floor: ").append(escape(placements.summary()));
            }
            html.append("</p>\n");
        }
        if (!warnings.isEmpty()) {
            html.append("<ul class=\"warnings\">");
            warnings.forEach(w -> html.append("<li><a href=\"#").append(w.anchor()).append("\">").append(escape(w.line()))
                    .append("</a></li>"));
            html.append("</ul>\n");
        }
        Map<String, List<Verdict.Answer>> byHost = verdicts(results, split);
        if (byHost.size() > 1) {
            html.append("<p>The host ran the forks in ").append(byHost.size())
                    .append(" placements of the vCPUs, told apart by each fork's own floor: each placement has its own verdict,"
                            + " never one across them, fastest first.</p>\n");
        }
        byHost.forEach((host, answers) -> {
            String title = host.isEmpty() ? "" : placements.groups().stream().filter(g -> g.name().equals(host)).findFirst()
                    .map(HostPlacements.Group::text).orElse(host);
            html.append(verdictTable(title, answers));
        });
        return html.append("</section>\n").toString();
    }

    /**
     * The verdict of each placement the host used, fastest first ({@code ""} when it used one): each
     * answered from that placement's forks alone, among every channel of the run.
     */
    public static Map<String, List<Verdict.Answer>> verdicts(ResultSet results) {
        return verdicts(results, byPlacement(HostPlacements.of(results)));
    }

    static Map<String, List<Verdict.Answer>> verdicts(ResultSet results, Function<ResultRow, Map<String, ResultRow>> split) {
        Map<String, List<ResultRow>> byHost = new LinkedHashMap<>();
        for (ResultRow row : results.rows()) {
            split.apply(row).forEach((host, part) -> byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(part));
        }
        Map<String, List<Verdict.Answer>> verdicts = new LinkedHashMap<>();
        byHost.forEach((host, rows) -> verdicts.put(host, Verdict.of(rows, results.rows())));
        return verdicts;
    }

    /** One table: a line per payload, a column per question; "no clear winner" where the forks cannot tell the leaders apart. */
    static String verdictTable(String host, List<Verdict.Answer> answers) {
        if (answers.isEmpty()) {
            return "<p>No round trips or streams to judge.</p>\n";
        }
        List<String> columns = answers.stream().map(Verdict.Answer::title).distinct().toList();
        TreeMap<Long, Map<String, Verdict.Answer>> byPayload = new TreeMap<>();
        answers.forEach(a -> byPayload.computeIfAbsent(a.payload(), p -> new LinkedHashMap<>()).put(a.title(), a));
        StringBuilder html = new StringBuilder();
        if (!host.isEmpty()) {
            html.append("<h3>Placement: ").append(escape(host)).append("</h3>\n");
            if (answers.stream().noneMatch(a -> a.unseen().isEmpty())) {
                return html.append("<p class=\"hint\">Only some of the channels ran in this placement, so it names no winner;"
                        + " its figures are in every row below.</p>\n").toString();
            }
        }
        html.append("<table class=\"verdict\"><tr><th>payload</th>");
        columns.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
        html.append("</tr>\n");
        byPayload.forEach((payload, byColumn) -> {
            html.append("<tr><th>").append(Formats.bytes(payload)).append("</th>");
            for (String column : columns) {
                Verdict.Answer answer = byColumn.get(column);
                if (answer == null) {
                    html.append("<td></td>");
                } else if (answer.clear()) {
                    html.append("<td class=\"win\"><span class=\"swatch\" style=\"background:").append(Palette.css(answer.best().transport()))
                            .append("\"></span><b>").append(escape(answer.best().label())).append("</b> ")
                            .append(escape(answer.best().text())).append("</td>");
                } else {
                    html.append("<td class=\"tie\">").append(escape(answer.text())).append("</td>");
                }
            }
            html.append("</tr>\n");
        });
        return html.append("</table>\n").toString();
    }

    /** A warning: one line in the verdict panel linking to its detail further down. */
    record Warning(String anchor, String line, String detail) {
    }

    static List<Warning> warnings(ResultSet results) {
        List<Warning> warnings = new ArrayList<>();
        Fingerprint fingerprint = results.fingerprint();
        if (fingerprint != null && !fingerprint.floorMoved().isEmpty()) {
            String line = "The machine's floor moved during the run: " + String.join("; ", fingerprint.floorMoved());
            warnings.add(new Warning("w-floor", line, "<p class=\"warn\" id=\"w-floor\">" + escape(line) + ". The host changed the"
                    + " machine under the run (on a VM, it moved the vCPUs): read this run as two machines mixed, and compare its figures"
                    + " with care.</p>\n"));
        }
        List<String> forkFloors = Floors.Forks.warnings(results);
        List<Floors.Forks.Reading> readings = Floors.Forks.readings(results);
        if (!forkFloors.isEmpty()) {
            warnings.add(new Warning("w-forks", Floors.Forks.apart(readings).size() + " of " + readings.size()
                    + " forks ran at another floor than the rest (the host moved the vCPUs)",
                    "<p class=\"warn\" id=\"w-forks\">" + escape(forkFloors.get(0)) + ".</p>\n"));
        }
        List<String> selfCheck = SelfCheck.warnings(results);
        if (!selfCheck.isEmpty()) {
            warnings.add(new Warning("w-selfcheck", "Self-check: " + selfCheck.get(0)
                    + (selfCheck.size() > 1 ? " (and " + (selfCheck.size() - 1) + " more)" : ""),
                    "<div id=\"w-selfcheck\">" + selfCheck(results) + "</div>"));
        }
        List<String> lost = lostWakeUps(results.rows());
        if (!lost.isEmpty()) {
            warnings.add(new Warning("w-lost", "Lost wake-ups in " + lost.size() + (lost.size() == 1 ? " row" : " rows"),
                    "<div id=\"w-lost\">" + lostWakeUpsNote(results.rows()) + "</div>"));
        }
        long trending = results.rows().stream().filter(r -> SteadyState.of(r).flagged()).count();
        if (trending > 0) {
            warnings.add(new Warning("w-steady", trending + (trending == 1 ? " row was" : " rows were")
                    + " still trending over its iterations (steady-state test)", ""));
        }
        int fewest = results.rows().stream().mapToInt(ResultRow::forkCount).min().orElse(0);
        if (fewest < ForkEstimate.MIN_FORKS) {
            warnings.add(new Warning("w-few", "Rows with fewer than " + ForkEstimate.MIN_FORKS + " forks have no interval"
                    + (fewest < Verdict.WINNER_FORKS ? ", and one fork cannot tell channels apart: no verdict names a winner among them" : ""),
                    ""));
        }
        return warnings;
    }

    /** The floor at start and end of the run, as recorded, with the run's fingerprint. */
    private static String floorDetail(ResultSet results) {
        Fingerprint fingerprint = results.fingerprint();
        if (fingerprint == null) {
            return "";
        }
        StringBuilder html = new StringBuilder("<p>Measured on: ").append(escape(fingerprint.summary()));
        for (String line : fingerprint.floorLines()) {
            html.append("<br>The machine's floor ").append(escape(line));
        }
        return html.append("</p>\n").toString();
    }

    /** The rows that lost wake-ups, "transport benchmark payload=…: n" each. */
    private static List<String> lostWakeUps(List<ResultRow> rows) {
        List<String> lost = new ArrayList<>();
        for (ResultRow row : rows) {
            ResultRow.Metric metric = row.secondary().get(io.ipcbench.peer.TrialProfiler.LOST_WAKE_UPS);
            double total = metric == null ? 0 : metric.iterations().stream().mapToDouble(Double::doubleValue).sum();
            if (total > 0) {
                lost.add(row.transportLabel() + " " + row.benchmark() + " payload=" + row.param(Benchmarks.PAYLOAD) + ": "
                        + Math.round(total));
            }
        }
        return lost;
    }

    /**
     * The announced wake-ups' lost wake-ups (a sleep that ran out while its message was there): one
     * line saying they were 0 in every row that counts them, or a warning naming the rows that lost
     * some, whose tails then hold 200 ms sleeps that are the protocol's fault, not the mechanism's.
     */
    static String lostWakeUpsNote(List<ResultRow> rows) {
        long counted = rows.stream().filter(r -> r.secondary().containsKey(io.ipcbench.peer.TrialProfiler.LOST_WAKE_UPS)).count();
        if (counted == 0) {
            return "";
        }
        List<String> lost = lostWakeUps(rows);
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
            byPayload.forEach((payload, bytes) -> cells.append(cells.length() == 0 ? "" : ", ").append(Formats.bytes(Long.parseLong(payload)))
                    .append(": ").append(Formats.bytes(bytes)));
            cells(html.append("<tr>"), transport, cells.toString()).append("</tr>\n");
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
                        + "JVMs differ more than the iterations within one do. The verdict names a channel only where its forks show it"
                        + " ahead of every other candidate (a one-sided t-test on the logarithms of the per-fork values, the candidates'"
                        + " scatter pooled, 5 % shared among the rivals: a winner is named wrongly at most one time in twenty), and only"
                        + " among every channel the run measured: a placement that saw some of them names none.");
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

    /** What the one-way columns are and why they differ from half a round trip; nothing without one-way figures. */
    static String oneWayNote(List<ResultRow> rows) {
        if (OneWayRows.withOneWay(rows).isEmpty()) {
            return "";
        }
        return "<p>One-way latency (streams, and load rows with direction=oneway) is timed by the receiver, from the send stamp"
                + " the sender wrote into every message to the moment the message was checked in; both read the one clock every"
                + " process on the host shares (CLOCK_MONOTONIC), and the run refuses one-way figures where the clock source is not"
                + " one all CPUs share. It is not RTT/2, and the columns say how far apart they are: a round trip pays two wake-ups"
                + " with nothing queued, while a stream at full speed wakes its reader rarely and every message waits behind the ones"
                + " still in the channel, so its one-way latency is mostly queueing.</p>\n";
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

    /**
     * Transport × payload (× placement): RTT mean and percentiles, msg/s and MB/s, CPU ns per message,
     * notes; load rows have their own table. Each line names the page data's rows behind it (by
     * their place in the run), so that the page's script can open it. A line per host placement of
     * each row ({@link #byPlacement}), the placement named after the transport.
     */
    static String table(List<ResultRow> rows, Function<ResultRow, Map<String, ResultRow>> split) {
        Map<String, Map<String, String>> lines = new TreeMap<>();
        Map<String, List<String>> rowIds = new LinkedHashMap<>();
        for (int index = 0; index < rows.size(); index++) {
            if (rows.get(index).isLoad()) {
                continue;
            }
            for (Map.Entry<String, ResultRow> part : split.apply(rows.get(index)).entrySet()) {
                String host = part.getKey();
                ResultRow row = part.getValue();
                String key = row.transportLabel() + "\u0000" + String.format("%012d", Long.parseLong(row.param(Benchmarks.PAYLOAD).isEmpty()
                        ? "0" : row.param(Benchmarks.PAYLOAD))) + "\u0000" + row.param(Benchmarks.PLACEMENT) + "\u0000" + host;
                rowIds.computeIfAbsent(key, k -> new ArrayList<>()).add("this-" + index + (host.isEmpty() ? "" : "-" + host));
                Map<String, String> line = lines.computeIfAbsent(key, k -> new LinkedHashMap<>());
                addTo(line, row, host);
                if (row.isStream() && row.oneWay() != null) {
                    ResultRow roundTrip = OneWayRows.roundTripBeside(rows, rows.get(index));
                    ForkEstimate half = roundTrip == null ? null : OneWayRows.halfRoundTrip(roundTrip, "p50");
                    line.put("half", half == null ? "" : half.text());
                }
            }
        }
        StringBuilder html = new StringBuilder("<table class=\"rows\"><tr><th>transport</th><th>payload</th><th>placement</th><th>forks</th>"
                + "<th>RTT p50 (µs) [95 %]</th><th>RTT mean (µs) [95 %]</th><th>RTT p99</th><th>RTT p99.9</th><th>RTT max</th>"
                + "<th>samples</th><th>stream msg/s [95 %]</th><th>stream MB/s</th>"
                + "<th>one-way p50 (µs) [95 %]</th><th>one-way p99</th><th>RTT/2 p50</th>"
                + "<th>CPU initiator (ns/msg)</th><th>CPU peer (ns/msg)</th><th>notes</th></tr>\n");
        lines.forEach((key, line) -> {
            html.append("<tr class=\"row\" data-rows=\"").append(String.join(" ", rowIds.get(key))).append("\">");
            for (String column : COLUMNS) {
                html.append(column.equals("notes") ? "<td class=\"note\">" : "<td>").append(escape(line.getOrDefault(column, "")))
                        .append("</td>");
            }
            html.append("</tr>\n");
        });
        return html.append("</table>\n").toString();
    }

    /** One row's cells of the table ({@code host}: its placement's name, or "" for all forks). */
    private static void addTo(Map<String, String> line, ResultRow row, String host) {
        line.put("transport", row.transportLabel() + (host.isEmpty() ? "" : " [" + host + "]"));
        line.put("payload", row.param(Benchmarks.PAYLOAD).isEmpty() ? "" : Formats.bytes(Long.parseLong(row.param(Benchmarks.PAYLOAD))));
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

    /** A file of the suite's own classpath (the page's script and style, uPlot from its WebJar), as text. */
    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath: the build is incomplete (mvn install)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends each text as an escaped table cell, {@code <td>…</td>}. */
    static StringBuilder cells(StringBuilder html, String... texts) {
        for (String text : texts) {
            html.append("<td>").append(escape(text)).append("</td>");
        }
        return html;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * What the report sets beside a one-way figure (docs/measurement.md, "One-way latency"): a stream
     * row's one-way percentiles ({@link ResultRow#oneWay()}) beside half the round trip of the same
     * mechanism, payload, placement, wait and capacity. They differ for good reasons: a round trip
     * includes two wake-ups and no queue, a stream at full speed one wake-up at most and its queue.
     */
    public static final class OneWayRows {
        private OneWayRows() {
        }

        /** The round-trip row of {@code rows} with exactly the params of {@code stream}, or null. */
        public static ResultRow roundTripBeside(List<ResultRow> rows, ResultRow stream) {
            SortedMap<String, String> params = new TreeMap<>(stream.params());
            return rows.stream().filter(ResultRow::isRoundTrip).filter(row -> row.params().equals(params)).findFirst().orElse(null);
        }

        /**
         * Half the round trip's percentile {@code label} ("p50" … "max"), µs, as the median over forks
         * with its interval halved too; null when the row has no such percentile.
         */
        public static ForkEstimate halfRoundTrip(ResultRow roundTrip, String label) {
            Latency latency = Objects.requireNonNull(roundTrip).latency();
            Latency.Percentile percentile = latency == null ? null : latency.get(label);
            ForkEstimate value = percentile == null ? null : percentile.value();
            return value == null ? null : value.dividedBy(2);
        }

        /** The one-way rows of a result set: streams and one-way load rows that carry one-way percentiles. */
        public static List<ResultRow> withOneWay(List<ResultRow> rows) {
            return rows.stream().filter(row -> row.oneWay() != null
                    && (row.isStream() || Benchmarks.LOAD.is(row.benchmark()))).toList();
        }
    }
}
