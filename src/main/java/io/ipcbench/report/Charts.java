package io.ipcbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.Family;
import io.ipcbench.core.WaitMode;
import io.ipcbench.peer.CpuCostProfiler;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.report.Formats.Palette;
import io.ipcbench.report.LoadReport.LoadCharts;

/**
 * The static charts of a result set, PNG and SVG, for documents and CI artifacts: the same data,
 * colours ({@link Palette}), units ({@link Formats}) and families as the page's charts. Each is a
 * grid of small multiples, one chart per family on shared axes; payloads sit on a log₂ axis read
 * as 64 B, 1 KiB, 64 KiB. Earlier runs given to {@code scripts/plot} are drawn faded and dashed.
 * The load benchmark's are {@link LoadCharts}.
 */
public final class Charts {
    /** Where each percentile of the spectrum sits on the "nines" axis: -log10(1 - q); the max one step past p99.99. */
    private static final Map<String, Double> SPECTRUM = new LinkedHashMap<>();

    static {
        SPECTRUM.put("p50", 0.301);
        SPECTRUM.put("p90", 1.0);
        SPECTRUM.put("p99", 2.0);
        SPECTRUM.put("p99.9", 3.0);
        SPECTRUM.put("p99.99", 4.0);
        SPECTRUM.put("max", 5.0);
    }

    /** The width of every static chart (a grid of small multiples, or one chart). */
    static final int WIDTH = 960;
    private static final int CELL_HEIGHT = 340;
    private static final int TITLE_HEIGHT = 34;

    private Charts() {
    }

    /** A chart written to disk: its base name (without extension) and title. */
    public record Written(String name, String title) {
    }

    /** One run's rows as a chart draws them: its id, and whether it is an earlier run (faded). */
    record Run(String id, List<ResultRow> rows, boolean earlier) {
    }

    /** Writes every chart the rows allow into {@code dir}, earlier runs overlaid ({@code runs} holds this run first); returns what was written. */
    static List<Written> writeRuns(List<Run> runs, Path dir, long spectrumPayload) throws IOException {
        List<Written> written = new ArrayList<>();
        List<ResultRow> rows = runs.get(0).rows();
        if (rows.stream().anyMatch(ResultRow::isRoundTrip)) {
            written.add(save(multiples("Round-trip time, p50 (lower is better; bars: 95 % interval over forks; p99 dashed)", runs,
                    ResultRow::isRoundTrip, r -> Latency.supported(r.latency(), "p50"), r -> percentile(r.latency(), "p99"), "RTT", Formats::micros), dir, "rtt",
                    "Round-trip time vs payload (p50 solid with its 95 % interval over forks, p99 dashed), by family"));
            written.add(save(spectrum(runs, spectrumPayload), dir, "spectrum",
                    "Round-trip percentile spectrum at " + Formats.bytes(spectrumPayload) + " (median over forks; a percentile with fewer than "
                    + Latency.MIN_BEYOND + " samples beyond it is left out), by family"));
        }
        if (rows.stream().anyMatch(ResultRow::isStream)) {
            written.add(save(multiples("Streaming throughput (higher is better; bars: 95 % interval over forks)", runs,
                    ResultRow::isStream, Charts::megabytes, null, "throughput", Formats::megabytes), dir, "throughput",
                    "Streaming throughput vs payload (median over forks with its 95 % interval), by family"));
        }
        boolean streams = rows.stream().anyMatch(ResultRow::isStream);
        if (rows.stream().anyMatch(r -> (streams ? r.isStream() : r.isRoundTrip()) && r.secondary().containsKey(CpuCostProfiler.INITIATOR))) {
            written.add(save(multiples("CPU per message, both processes (" + (streams ? "streaming" : "round trip") + "; lower is better)",
                    runs, streams ? ResultRow::isStream : ResultRow::isRoundTrip, Verdict::cpuPerMessage, null, "CPU", Formats::nanos),
                    dir, "cpu", "CPU per message, both processes (" + (streams ? "streaming" : "round trip") + "), by family"));
        }
        List<WakeUpShare> shares = WakeUpShare.of(rows);
        if (!shares.isEmpty()) {
            written.add(save(WakeUpShare.chart(shares), dir, "wakeup",
                    "The wake-up's share of a round trip (p50: spin RTT, and block − spin on top)"));
        }
        written.addAll(LoadCharts.writeAll(rows, dir));
        return written;
    }

    /**
     * One chart per family of {@code metric} against payload, on shared axes; {@code dashed} (if
     * not null) a second figure of each row drawn dashed without a legend entry (p99 beside p50).
     */
    private static IChart multiples(String title, List<Run> runs, java.util.function.Predicate<ResultRow> which,
            Function<ResultRow, ForkEstimate> metric, ToDoubleFunction<ResultRow> dashed, String yTitle, Function<Double, String> unit) {
        Map<String, XYChart> byFamily = new LinkedHashMap<>();
        double[] range = {Double.MAX_VALUE, 0};
        for (Family family : families(runs)) {
            XYChart chart = payloadChart(family.title(), yTitle, unit);
            boolean drawn = false;
            for (Run run : runs) {
                for (Map.Entry<String, List<ResultRow>> series : bySeries(run.rows().stream().filter(which)
                        .filter(r -> family == familyOf(r)).toList()).entrySet()) {
                    String name = series.getKey() + (run.earlier() ? " (" + run.id() + ")" : "");
                    Color colour = colour(series.getValue().get(0), run.earlier());
                    drawn = true;
                    line(chart, name, series.getValue(), r -> median(metric.apply(r)), colour, run.earlier(), range);
                    if (!run.earlier()) {
                        intervals(chart, name, series.getValue(), metric, colour, range);
                    }
                    if (dashed != null) {
                        line(chart, name + " (dashed)", series.getValue(), dashed, colour, true, range).setShowInLegend(false);
                    }
                }
            }
            if (drawn) {
                byFamily.put(family.title(), chart);
            }
        }
        byFamily.values().forEach(chart -> sharedRange(chart, range));
        return new SmallMultiples(title, List.copyOf(byFamily.values()));
    }

    private static IChart spectrum(List<Run> runs, long payload) {
        List<XYChart> charts = new ArrayList<>();
        double[] range = {Double.MAX_VALUE, 0};
        for (Family family : families(runs)) {
            XYChart chart = new XYChartBuilder().width(WIDTH / 2).height(CELL_HEIGHT).title(family.title()).xAxisTitle("percentile")
                    .yAxisTitle("RTT").build();
            style(chart);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.setCustomXAxisTickLabelsFormatter(x -> SPECTRUM.entrySet().stream().filter(e -> e.getValue() == Math.round(x * 1000) / 1000.0)
                    .map(Map.Entry::getKey).findFirst().orElse(""));
            chart.setCustomYAxisTickLabelsFormatter(y -> tick(Formats.micros(y)));
            boolean drawn = false;
            for (Run run : runs) {
                for (Map.Entry<String, List<ResultRow>> series : bySeries(run.rows().stream()
                        .filter(r -> r.isRoundTrip() && familyOf(r) == family && r.param(Benchmarks.PAYLOAD).equals(String.valueOf(payload)))
                        .toList()).entrySet()) {
                    ResultRow row = series.getValue().get(0);
                    List<Double> x = new ArrayList<>();
                    List<Double> y = new ArrayList<>();
                    SPECTRUM.forEach((label, position) -> {
                        double value = percentile(row.latency(), label); // NaN when too few samples support it: left out
                        if (value > 0) {
                            x.add(position);
                            y.add(value);
                            range[0] = Math.min(range[0], value);
                            range[1] = Math.max(range[1], value);
                        }
                    });
                    if (!x.isEmpty()) {
                        XYSeries s = chart.addSeries(series.getKey() + (run.earlier() ? " (" + run.id() + ")" : ""), x, y);
                        look(s, colour(row, run.earlier()), run.earlier());
                        drawn = true;
                    }
                }
            }
            if (drawn) {
                charts.add(chart);
            }
        }
        charts.forEach(chart -> sharedRange(chart, range));
        return new SmallMultiples("Round-trip percentile spectrum at " + Formats.bytes(payload) + " (median over forks)", charts);
    }

    /** The families the runs' transports belong to, in the order of {@link Family}. */
    private static List<Family> families(List<Run> runs) {
        return java.util.Arrays.stream(Family.values())
                .filter(f -> runs.stream().anyMatch(run -> run.rows().stream().anyMatch(r -> familyOf(r) == f))).toList();
    }

    /** The row's family; a transport this version does not know is drawn with the byte streams. */
    static Family familyOf(ResultRow row) {
        Family family = TransportRegistry.family(row.param(Benchmarks.TRANSPORT));
        return family == null ? Family.BYTE_STREAM : family;
    }

    private static Color colour(ResultRow row, boolean faded) {
        Color colour = Palette.awt(row.param(Benchmarks.TRANSPORT));
        return faded ? new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 110) : colour;
    }

    /** A chart of a figure against payload: x is log₂ of the payload, labelled in bytes; y logarithmic, labelled in {@code unit}. */
    private static XYChart payloadChart(String title, String yTitle, Function<Double, String> unit) {
        XYChart chart = new XYChartBuilder().width(WIDTH / 2).height(CELL_HEIGHT).title(title).xAxisTitle("payload").yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-9 ? Formats.bytes(1L << Math.round(x)) : "");
        chart.setCustomYAxisTickLabelsFormatter(y -> tick(unit.apply(y)));
        return chart;
    }

    /** "1.00 µs" → "1 µs": tick labels read better without the zeros that a figure keeps. */
    static String tick(String label) {
        return label.replaceAll("\\.0+(?= )", "");
    }

    private static void sharedRange(XYChart chart, double[] range) {
        if (range[1] > 0) {
            chart.getStyler().setYAxisMin(range[0] / 1.3);
            chart.getStyler().setYAxisMax(range[1] * 1.3);
        }
    }

    private static double median(ForkEstimate estimate) {
        return estimate == null ? Double.NaN : estimate.median();
    }

    /** The stream's bytes/s over forks, in MB/s. */
    static ForkEstimate megabytes(ResultRow row) {
        ResultRow.Metric bytes = row.secondary().get("bytes");
        if (bytes == null) {
            return null;
        }
        return bytes.estimate().dividedBy(1e6);
    }

    /** Median over forks of the bytes/s of each fork, in MB/s. */
    static double megabytesPerSecond(ResultRow row) {
        return median(megabytes(row));
    }

    /** A percentile in µs (median over forks), NaN without the latency, without that percentile or when too few samples support it. */
    static double percentile(Latency latency, String label) {
        return median(Latency.supported(latency, label));
    }

    static double cpuPerMessage(ResultRow row) {
        return median(Verdict.cpuPerMessage(row));
    }

    /** A row's name among {@code rows}, as charts and verdicts give it: its transport label, and its placement when they have several. */
    static Function<ResultRow, String> seriesName(List<ResultRow> rows) {
        boolean severalPlacements = rows.stream().map(r -> r.param(Benchmarks.PLACEMENT)).distinct().count() > 1;
        return row -> row.transportLabel() + (severalPlacements ? " (" + row.param(Benchmarks.PLACEMENT) + ")" : "");
    }

    static Map<String, List<ResultRow>> bySeries(List<ResultRow> rows) {
        Function<ResultRow, String> name = seriesName(rows);
        Map<String, List<ResultRow>> series = new LinkedHashMap<>();
        rows.forEach(row -> series.computeIfAbsent(name.apply(row), n -> new ArrayList<>()).add(row));
        return series;
    }

    private static XYSeries line(XYChart chart, String name, List<ResultRow> rows, ToDoubleFunction<ResultRow> y, Color colour,
            boolean dashed, double[] range) {
        TreeMap<Double, Double> points = new TreeMap<>();
        for (ResultRow row : rows) {
            double value = y.applyAsDouble(row);
            if (value > 0 && !Double.isNaN(value)) {
                points.put(log2(row), value);
                range[0] = Math.min(range[0], value);
                range[1] = Math.max(range[1], value);
            }
        }
        if (points.isEmpty()) {
            points.put(6.0, Double.NaN); // XChart needs a point; NaN draws nothing
        }
        XYSeries series = chart.addSeries(name, new ArrayList<>(points.keySet()), new ArrayList<>(points.values()));
        look(series, colour, dashed);
        return series;
    }

    private static void look(XYSeries series, Color colour, boolean dashed) {
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(dashed ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        series.setLineStyle(dashed ? SeriesLines.DASH_DASH : SeriesLines.SOLID); // XChart would otherwise cycle dash patterns per series
    }

    private static double log2(ResultRow row) {
        return Math.log(Double.parseDouble(row.param(Benchmarks.PAYLOAD))) / Math.log(2);
    }

    /**
     * The 95 % interval over forks at each payload, drawn as a vertical bar in the series' colour.
     * One two-point series per bar: XChart's own error bars are symmetric, and these intervals (on
     * the log scale) are not.
     */
    private static void intervals(XYChart chart, String name, List<ResultRow> rows, Function<ResultRow, ForkEstimate> estimate, Color colour,
            double[] range) {
        for (ResultRow row : rows) {
            ForkEstimate e = estimate.apply(row);
            if (e == null || !e.hasInterval()) {
                continue;
            }
            double x = log2(row);
            XYSeries bar = chart.addSeries(name + " interval " + row.param(Benchmarks.PAYLOAD), new double[] {x, x},
                    new double[] {e.low(), e.high()});
            bar.setLineColor(colour);
            bar.setLineStyle(SeriesLines.SOLID);
            bar.setMarker(SeriesMarkers.NONE);
            bar.setShowInLegend(false);
            range[0] = Math.min(range[0], e.low());
            range[1] = Math.max(range[1], e.high());
        }
    }

    static XYChart logLog(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(600).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 200));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    }

    static Written save(IChart chart, Path dir, String name, String title) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(name + ".svg").toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return new Written(name, title);
    }

    /** Charts side by side, two to a row, under one title: one picture, so a PNG or SVG shows every family at once. */
    record SmallMultiples(String title, List<XYChart> charts) implements IChart {
        private static final int COLUMNS = 2;

        @Override
        public int getWidth() {
            return WIDTH;
        }

        @Override
        public int getHeight() {
            return TITLE_HEIGHT + Math.max(1, (charts.size() + COLUMNS - 1) / COLUMNS) * CELL_HEIGHT;
        }

        @Override
        public String getTitle() {
            return title;
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(charts.isEmpty() ? title + ": nothing to draw" : title, 10, 22);
            g.setStroke(new BasicStroke(1));
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D cell = (Graphics2D) g.create((i % COLUMNS) * (WIDTH / COLUMNS), TITLE_HEIGHT + (i / COLUMNS) * CELL_HEIGHT,
                        WIDTH / COLUMNS, CELL_HEIGHT);
                charts.get(i).paint(cell, WIDTH / COLUMNS, CELL_HEIGHT);
                cell.dispose();
            }
        }
    }

    /**
     * A blocking round trip taken apart: for every transport, payload and placement whose round trip
     * was measured both blocking and spinning (-p wait=block,spin), the spin RTT is what the mechanism
     * itself costs, the block RTT adds the two wake-ups of the sleeping sides, and their difference is
     * the wake-ups' share; with the CPU per message of each (a spinning side pays in CPU what it saves
     * in time). p50s are medians over forks.
     */
    public record WakeUpShare(String transport, String payload, String placement, double blockP50, double spinP50, double blockCpu,
            double spinCpu) {

        /** The wake-ups' part of the blocking round trip, µs. */
        public double wakeUp() {
            return blockP50 - spinP50;
        }

        /** The wake-ups' share of the blocking round trip. */
        public double share() {
            return wakeUp() / blockP50;
        }

        /** Every round trip measured both ways, in the rows' order. */
        public static List<WakeUpShare> of(List<ResultRow> rows) {
            Map<String, ResultRow> blocking = new LinkedHashMap<>();
            Map<String, ResultRow> spinning = new LinkedHashMap<>();
            for (ResultRow row : rows) {
                if (!row.isRoundTrip()) {
                    continue;
                }
                String wait = row.param(Benchmarks.WAIT);
                if (wait.isEmpty() && WaitMode.BLOCK.equals(TransportRegistry.waitByDesign(row.param(Benchmarks.TRANSPORT)))) {
                    blocking.put(cell(row), row);
                } else if (wait.equals(WaitMode.SPIN.label())) {
                    spinning.put(cell(row), row);
                }
            }
            List<WakeUpShare> shares = new ArrayList<>();
            blocking.forEach((cell, block) -> {
                ResultRow spin = spinning.get(cell);
                if (spin != null) {
                    shares.add(new WakeUpShare(block.param(Benchmarks.TRANSPORT), block.param(Benchmarks.PAYLOAD),
                            block.param(Benchmarks.PLACEMENT), Charts.percentile(block.latency(), "p50"), Charts.percentile(spin.latency(), "p50"),
                            Charts.cpuPerMessage(block), Charts.cpuPerMessage(spin)));
                }
            });
            return shares;
        }

        private static String cell(ResultRow row) {
            return row.param(Benchmarks.TRANSPORT) + " " + row.param(Benchmarks.PAYLOAD) + " " + row.param(Benchmarks.PLACEMENT);
        }

        /** The table for report.html; nothing when no round trip was measured both ways. */
        static String html(List<ResultRow> rows) {
            List<WakeUpShare> shares = of(rows);
            if (shares.isEmpty()) {
                return "";
            }
            StringBuilder html = new StringBuilder("<h2>The wake-up's share of a round trip</h2>\n<p>Each round trip measured both"
                    + " blocking and spinning (<code>-p wait=block,spin</code>): spin is the mechanism's own cost, block adds the"
                    + " wake-ups of the sleeping sides, and the difference is theirs. RTT p50 in µs (median over forks); CPU in ns"
                    + " per message, both processes.</p>\n<table><tr><th>transport</th><th>payload</th><th>placement</th>"
                    + "<th>block RTT</th><th>spin RTT</th><th>wake-ups</th><th>share</th><th>CPU block</th><th>CPU spin</th></tr>\n");
            for (WakeUpShare share : shares) {
                HtmlReport.cells(html.append("<tr>"), share.transport(), share.payload(), share.placement(), Formats.number(share.blockP50()),
                        Formats.number(share.spinP50()), Formats.number(share.wakeUp()), Math.round(100 * share.share()) + " %",
                        Formats.number(share.blockCpu()), Formats.number(share.spinCpu())).append("</tr>\n");
            }
            return html.append("</table>\n").toString();
        }

        /** Stacked bars per transport and payload: the spin RTT (the mechanism) and the wake-ups on top, together the block RTT. */
        static CategoryChart chart(List<WakeUpShare> shares) {
            CategoryChart chart = new CategoryChartBuilder().width(960).height(600)
                    .title("Round trip p50: the mechanism (spin) and the wake-ups (block − spin)").xAxisTitle("transport, payload")
                    .yAxisTitle("RTT p50 (µs)").build();
            chart.getStyler().setStacked(true);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setXAxisLabelRotation(45);
            List<String> names = shares.stream().map(s -> s.transport() + " " + s.payload() + " B"
                    + (s.placement().equals("cross-core") ? "" : " " + s.placement())).toList();
            CategorySeries mechanism = chart.addSeries("mechanism (spin RTT)", names,
                    shares.stream().map(s -> (Number) s.spinP50()).toList());
            mechanism.setFillColor(new Color(0x1f77b4));
            CategorySeries wakeUps = chart.addSeries("wake-ups (block − spin)", names,
                    shares.stream().map(s -> (Number) Math.max(0, s.wakeUp())).toList());
            wakeUps.setFillColor(new Color(0xff7f0e));
            return chart;
        }
    }
}
