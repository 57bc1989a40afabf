package io.ipcbench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.ipcbench.peer.CpuCostProfiler;

/**
 * The four charts of a result set, one series per transport (and placement, when a run has more
 * than one), with logarithmic axes where the data span decades. Each is written as PNG and SVG.
 */
public final class Charts {
    /** Percentiles of the spectrum, as JMH names them, and where they sit on the "nines" axis. */
    private static final Map<String, Double> SPECTRUM = new LinkedHashMap<>();

    static {
        SPECTRUM.put("50.0", 0.301);   // -log10(1 - 0.5)
        SPECTRUM.put("90.0", 1.0);
        SPECTRUM.put("99.0", 2.0);
        SPECTRUM.put("99.9", 3.0);
        SPECTRUM.put("99.99", 4.0);
        SPECTRUM.put("100.0", 5.0);    // max, drawn one step past p99.99
    }

    private static final Color[] PALETTE = {
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
            written.add(save(rttChart(roundTrips), dir, "rtt", "Round-trip time vs payload (p50 solid, p99 dashed)"));
            written.add(save(spectrumChart(roundTrips, spectrumPayload), dir, "spectrum",
                    "Round-trip percentile spectrum at " + spectrumPayload + " B"));
        }
        if (!streams.isEmpty()) {
            written.add(save(throughputChart(streams), dir, "throughput", "Streaming throughput vs payload"));
        }
        List<ResultRow> costed = (streams.isEmpty() ? roundTrips : streams).stream()
                .filter(r -> r.secondary().containsKey(CpuCostProfiler.INITIATOR)).toList();
        if (!costed.isEmpty()) {
            written.add(save(cpuChart(costed), dir, "cpu", "CPU per message, both processes ("
                    + (streams.isEmpty() ? "round trip" : "streaming") + ")"));
        }
        return written;
    }

    private static XYChart rttChart(List<ResultRow> rows) {
        XYChart chart = logLog("Round-trip time (RTT) vs payload: p50 solid, p99 dashed", "payload (bytes)", "RTT (µs)");
        int color = 0;
        for (Map.Entry<String, List<ResultRow>> series : bySeries(rows).entrySet()) {
            Color c = PALETTE[color++ % PALETTE.length];
            line(chart, series.getKey() + " p50", series.getValue(), r -> r.percentiles().getOrDefault("50.0", Double.NaN), c, false);
            line(chart, series.getKey() + " p99", series.getValue(), r -> r.percentiles().getOrDefault("99.0", Double.NaN), c, true)
                    .setShowInLegend(false);
        }
        return chart;
    }

    private static XYChart throughputChart(List<ResultRow> rows) {
        XYChart chart = logLog("Streaming throughput vs payload", "payload (bytes)", "MB/s (10^6 bytes/s)");
        int color = 0;
        for (Map.Entry<String, List<ResultRow>> series : bySeries(rows).entrySet()) {
            line(chart, series.getKey(), series.getValue(), Charts::megabytesPerSecond, PALETTE[color++ % PALETTE.length], false);
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
            ResultRow row = series.getValue().stream().filter(r -> Long.parseLong(r.param("payload")) == payload).findFirst().orElse(null);
            Color c = PALETTE[color++ % PALETTE.length];
            if (row == null) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            SPECTRUM.forEach((name, position) -> {
                Double value = row.percentiles().get(name);
                if (value != null && value > 0) {
                    x.add(position);
                    y.add(value);
                }
            });
            XYSeries s = chart.addSeries(series.getKey(), x, y);
            s.setLineColor(c);
            s.setMarkerColor(c);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(SeriesLines.SOLID);
        }
        return chart;
    }

    static double megabytesPerSecond(ResultRow row) {
        ResultRow.Metric bytes = row.secondary().get("bytes");
        return bytes == null ? Double.NaN : bytes.score() / 1e6;
    }

    static double cpuPerMessage(ResultRow row) {
        ResultRow.Metric initiator = row.secondary().get(CpuCostProfiler.INITIATOR);
        ResultRow.Metric peer = row.secondary().get(CpuCostProfiler.PEER);
        return initiator == null || peer == null ? Double.NaN : initiator.score() + peer.score();
    }

    /** Rows grouped into series: one per transport, or transport and placement when several placements were run. */
    static Map<String, List<ResultRow>> bySeries(List<ResultRow> rows) {
        boolean severalPlacements = rows.stream().map(r -> r.param("placement")).distinct().count() > 1;
        Map<String, List<ResultRow>> series = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            String name = row.param("transport") + (severalPlacements ? " (" + row.param("placement") + ")" : "");
            series.computeIfAbsent(name, n -> new ArrayList<>()).add(row);
        }
        return series;
    }

    private static XYSeries line(XYChart chart, String name, List<ResultRow> rows, ToDoubleFunction<ResultRow> y, Color color, boolean dashed) {
        TreeMap<Double, Double> points = new TreeMap<>();
        for (ResultRow row : rows) {
            double value = y.applyAsDouble(row);
            if (value > 0 && !Double.isNaN(value)) {
                points.put(Double.parseDouble(row.param("payload")), value);
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

    private static XYChart logLog(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(960).height(600).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        chart.getStyler().setMarkerSize(6);
    }

    private static Written save(XYChart chart, Path dir, String name, String title) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(name + ".svg").toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return new Written(name, title);
    }
}
