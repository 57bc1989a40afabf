package io.ipcbench.report;

import java.awt.Color;
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
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.peer.CpuCostProfiler;

/**
 * The four charts of a result set, one series per transport (and placement, when a run has more
 * than one), with logarithmic axes where the data span decades, and the load benchmark's
 * ({@link LoadCharts}). Each is written as PNG and SVG.
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

    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private Charts() {
    }

    /** A chart written to disk: its base name (without extension) and title. */
    public record Written(String name, String title) {
    }

    /** Writes every chart the rows allow into {@code dir}; returns what was written. */
    public static List<Written> writeAll(List<ResultRow> rows, Path dir, long spectrumPayload) throws IOException {
        List<Written> written = new ArrayList<>();
        List<ResultRow> roundTrips = rows.stream().filter(ResultRow::isRoundTrip).toList();
        List<ResultRow> streams = rows.stream().filter(ResultRow::isStream).toList();
        if (!roundTrips.isEmpty()) {
            written.add(save(rttChart(roundTrips), dir, "rtt",
                    "Round-trip time vs payload (p50 solid with its 95 % interval over forks, p99 dashed)"));
            written.add(save(spectrumChart(roundTrips, spectrumPayload), dir, "spectrum",
                    "Round-trip percentile spectrum at " + spectrumPayload + " B (median over forks; a percentile with fewer than "
                    + Latency.MIN_BEYOND + " samples beyond it is left out)"));
        }
        if (!streams.isEmpty()) {
            written.add(save(throughputChart(streams), dir, "throughput",
                    "Streaming throughput vs payload (median over forks with its 95 % interval)"));
        }
        List<ResultRow> costed = (streams.isEmpty() ? roundTrips : streams).stream()
                .filter(r -> r.secondary().containsKey(CpuCostProfiler.INITIATOR)).toList();
        if (!costed.isEmpty()) {
            written.add(save(cpuChart(costed), dir, "cpu", "CPU per message, both processes ("
                    + (streams.isEmpty() ? "round trip" : "streaming") + ")"));
        }
        List<WakeUpShare> shares = WakeUpShare.of(rows);
        if (!shares.isEmpty()) {
            written.add(save(WakeUpShare.chart(shares), dir, "wakeup",
                    "The wake-up's share of a round trip (p50: spin RTT, and block − spin on top)"));
        }
        written.addAll(LoadCharts.writeAll(rows, dir));
        return written;
    }

    private static XYChart rttChart(List<ResultRow> rows) {
        XYChart chart = logLog("Round-trip time (RTT) vs payload: p50 solid (bars: 95 % interval over forks), p99 dashed",
                "payload (bytes)", "RTT (µs)");
        int color = 0;
        for (Map.Entry<String, List<ResultRow>> series : bySeries(rows).entrySet()) {
            Color c = PALETTE[color++ % PALETTE.length];
            line(chart, series.getKey() + " p50", series.getValue(), r -> percentile(r, "p50"), c, false);
            intervals(chart, series.getKey() + " p50", series.getValue(), r -> percentileEstimate(r, "p50"), 1, c);
            line(chart, series.getKey() + " p99", series.getValue(), r -> percentile(r, "p99"), c, true)
                    .setShowInLegend(false);
        }
        return chart;
    }

    private static XYChart throughputChart(List<ResultRow> rows) {
        XYChart chart = logLog("Streaming throughput vs payload (bars: 95 % interval over forks)", "payload (bytes)",
                "MB/s (10^6 bytes/s)");
        int color = 0;
        for (Map.Entry<String, List<ResultRow>> series : bySeries(rows).entrySet()) {
            Color c = PALETTE[color++ % PALETTE.length];
            line(chart, series.getKey(), series.getValue(), Charts::megabytesPerSecond, c, false);
            intervals(chart, series.getKey(), series.getValue(), Charts::bytesPerSecond, 1e-6, c);
        }
        return chart;
    }

    private static XYChart cpuChart(List<ResultRow> rows) {
        XYChart chart = logLog("CPU time per message, initiator thread + peer process", "payload (bytes)", "CPU ns per message");
        int color = 0;
        for (Map.Entry<String, List<ResultRow>> series : bySeries(rows).entrySet()) {
            line(chart, series.getKey(), series.getValue(), Charts::cpuPerMessage, PALETTE[color++ % PALETTE.length], false);
        }
        return chart;
    }

    private static XYChart spectrumChart(List<ResultRow> rows, long payload) {
        XYChart chart = new XYChartBuilder().width(960).height(600)
                .title("RTT percentile spectrum at " + payload + " B payload").xAxisTitle("percentile").yAxisTitle("RTT (µs)").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        Map<Double, Object> labels = Map.of(0.301, "p50", 1.0, "p90", 2.0, "p99", 3.0, "p99.9", 4.0, "p99.99", 5.0, "max");
        chart.setCustomXAxisTickLabelsFormatter(x -> String.valueOf(labels.getOrDefault(Math.round(x * 1000) / 1000.0, "")));
        int color = 0;
        for (Map.Entry<String, List<ResultRow>> series : bySeries(rows).entrySet()) {
            ResultRow row = series.getValue().stream().filter(r -> Long.parseLong(r.param(Benchmarks.PAYLOAD)) == payload).findFirst().orElse(null);
            Color c = PALETTE[color++ % PALETTE.length];
            if (row == null) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            SPECTRUM.forEach((label, position) -> {
                double value = percentile(row, label); // NaN when too few samples support it: left out
                if (value > 0) {
                    x.add(position);
                    y.add(value);
                }
            });
            if (x.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(series.getKey(), x, y);
            s.setLineColor(c);
            s.setMarkerColor(c);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(SeriesLines.SOLID);
        }
        if (chart.getSeriesCollection().isEmpty()) {
            chart.addSeries("no percentiles at " + payload + " B", new double[] {1}, new double[] {Double.NaN});
        }
        return chart;
    }

    /** Median over forks of the bytes/s of each fork, in MB/s. */
    static double megabytesPerSecond(ResultRow row) {
        ForkEstimate bytes = bytesPerSecond(row);
        return bytes == null ? Double.NaN : bytes.median() / 1e6;
    }

    private static ForkEstimate bytesPerSecond(ResultRow row) {
        ResultRow.Metric bytes = row.secondary().get("bytes");
        return bytes == null ? null : bytes.estimate();
    }

    /** A round-trip percentile in µs (median over forks), NaN when the row has none or too few samples support it. */
    static double percentile(ResultRow row, String label) {
        Latency.Percentile percentile = row.latency() == null ? null : row.latency().get(label);
        return percentile == null ? Double.NaN : percentile.valueIfSupported();
    }

    private static ForkEstimate percentileEstimate(ResultRow row, String label) {
        Latency.Percentile percentile = row.latency() == null ? null : row.latency().get(label);
        return percentile == null || !percentile.supported() ? null : percentile.value();
    }

    static double cpuPerMessage(ResultRow row) {
        ResultRow.Metric initiator = row.secondary().get(CpuCostProfiler.INITIATOR);
        ResultRow.Metric peer = row.secondary().get(CpuCostProfiler.PEER);
        return initiator == null || peer == null ? Double.NaN : initiator.score() + peer.score();
    }

    /** Rows grouped into series: one per transport, or transport and placement when several placements were run. */
    static Map<String, List<ResultRow>> bySeries(List<ResultRow> rows) {
        boolean severalPlacements = rows.stream().map(r -> r.param(Benchmarks.PLACEMENT)).distinct().count() > 1;
        Map<String, List<ResultRow>> series = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            String name = row.transportLabel() + (severalPlacements ? " (" + row.param(Benchmarks.PLACEMENT) + ")" : "");
            series.computeIfAbsent(name, n -> new ArrayList<>()).add(row);
        }
        return series;
    }

    private static XYSeries line(XYChart chart, String name, List<ResultRow> rows, ToDoubleFunction<ResultRow> y, Color color, boolean dashed) {
        TreeMap<Double, Double> points = new TreeMap<>();
        for (ResultRow row : rows) {
            double value = y.applyAsDouble(row);
            if (value > 0 && !Double.isNaN(value)) {
                points.put(Double.parseDouble(row.param(Benchmarks.PAYLOAD)), value);
            }
        }
        if (points.isEmpty()) {
            points.put(1.0, Double.NaN); // XChart needs a point; NaN draws nothing
        }
        XYSeries series = chart.addSeries(name, new ArrayList<>(points.keySet()), new ArrayList<>(points.values()));
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineStyle(SeriesLines.SOLID); // XChart would otherwise cycle dash patterns per series
        if (dashed) {
            series.setLineStyle(SeriesLines.DASH_DASH);
            series.setMarker(SeriesMarkers.NONE);
        }
        return series;
    }

    /**
     * The 95 % interval over forks at each payload, drawn as a vertical bar in the series' colour.
     * One two-point series per bar: XChart's own error bars are symmetric, and these intervals (on
     * the log scale) are not.
     */
    private static void intervals(XYChart chart, String name, List<ResultRow> rows, Function<ResultRow, ForkEstimate> estimate,
            double scale, Color color) {
        for (ResultRow row : rows) {
            ForkEstimate e = estimate.apply(row);
            if (e == null || !e.hasInterval()) {
                continue;
            }
            double x = Double.parseDouble(row.param(Benchmarks.PAYLOAD));
            XYSeries bar = chart.addSeries(name + " interval " + row.param(Benchmarks.PAYLOAD), new double[] {x, x},
                    new double[] {e.low() * scale, e.high() * scale});
            bar.setLineColor(color);
            bar.setLineStyle(SeriesLines.SOLID);
            bar.setMarker(SeriesMarkers.NONE);
            bar.setShowInLegend(false);
        }
    }

    static XYChart logLog(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(960).height(600).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        chart.getStyler().setMarkerSize(6);
    }

    static Written save(Chart<?, ?> chart, Path dir, String name, String title) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(name + ".svg").toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return new Written(name, title);
    }
}
