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

import io.ipcbench.core.Benchmarks;
import io.ipcbench.peer.CpuCostProfiler;

/**
 * The load benchmark's charts, two per payload: round-trip p50 (solid), p99 (dashed) and p99.9
 * (dotted) against the rate achieved, and CPU per message of the peer (solid) and the initiator
 * (dashed) against it; one colour per transport, points in the order of the offered rate, and a
 * cross over every point of a saturated row (its latency is a growing backlog's, not the
 * mechanism's at that rate).
 */
final class LoadCharts {
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
                XYSeries line = line(chart, series.getKey() + " " + percentile[0], series.getValue(), r -> latency(r, percentile[0]), c,
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

    /** A load row's percentile in µs: one way for a one-way row, the round trip for the others (ResultRow#loadLatency). */
    private static double latency(ResultRow row, String label) {
        Latency.Percentile percentile = row.loadLatency() == null ? null : row.loadLatency().get(label);
        return percentile == null ? Double.NaN : percentile.valueIfSupported();
    }
}
