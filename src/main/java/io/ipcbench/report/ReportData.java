package io.ipcbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.Family;
import io.ipcbench.floor.ForkFloorProfiler;
import io.ipcbench.peer.CpuCostProfiler;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.report.Formats.Palette;

/**
 * The run as the report's page draws it: one JSON object inlined into report.html, from which
 * report.js draws every chart in the browser. Each row carries what a chart or a row's detail
 * shows — its figures as [median, low, high] over forks, its per-fork values, and its percentile
 * curve from the HdrHistogram logs — and each transport its family and its one colour.
 */
final class ReportData {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The quantiles of a row's percentile curve, drawn at 1/(1 − q) on a log axis (HdrHistogram's
     * percentile plot), as far as {@link Latency#MIN_BEYOND} samples lie beyond them; the max one
     * step further.
     */
    private static final double[] LADDER = {0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99995, 0.99999, 0.999995};

    private ReportData() {
    }

    /**
     * @param results the run
     * @param placements the host placements of the run's forks: a row is given per placement where there are several
     * @param earlier a run to overlay, faded, or null
     */
    static String json(ResultSet results, HostPlacements placements, ResultSet earlier) {
        ObjectNode root = JSON.createObjectNode();
        root.put("run", results.id());
        ArrayNode rows = root.putArray("rows");
        Set<String> transports = new LinkedHashSet<>();
        add(rows, results, placements, "this", transports);
        if (earlier != null) {
            root.put("earlier", earlier.id());
            add(rows, earlier, HostPlacements.of(List.of()), "earlier", transports); // its rows whole
        }
        ObjectNode styles = root.putObject("transports");
        for (String transport : transports) {
            Family family = TransportRegistry.family(transport);
            styles.putObject(transport).put("colour", Palette.css(transport))
                    .put("family", family == null ? "other" : family.title());
        }
        ArrayNode families = root.putArray("families");
        for (Family family : Family.values()) {
            families.add(family.title());
        }
        families.add("other");
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report's data cannot be written as JSON", e);
        }
    }

    private static void add(ArrayNode out, ResultSet results, HostPlacements placements, String run, Set<String> transports) {
        Function<ResultRow, Map<String, ResultRow>> split = HtmlReport.byPlacement(placements);
        int index = 0;
        for (ResultRow whole : results.rows()) {
            if (whole.isLoad() || whole.param(Benchmarks.PAYLOAD).isEmpty()) {
                index++;
                continue;
            }
            transports.add(whole.param(Benchmarks.TRANSPORT));
            for (Map.Entry<String, ResultRow> part : split.apply(whole).entrySet()) {
                out.add(row(results, placements, whole, part.getValue(), part.getKey(), run, index));
            }
            index++;
        }
    }

    private static ObjectNode row(ResultSet results, HostPlacements placements, ResultRow whole, ResultRow row, String host, String run,
            int index) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", run + "-" + index + (host.isEmpty() ? "" : "-" + host));
        node.put("run", run);
        node.put("bench", row.isRoundTrip() ? "rtt" : row.isStream() ? "stream" : row.benchmark());
        node.put("transport", row.param(Benchmarks.TRANSPORT));
        node.put("label", row.transportLabel());
        node.put("wait", Verdict.waitOf(row));
        node.put("placement", row.param(Benchmarks.PLACEMENT));
        node.put("host", host);
        node.put("payload", Long.parseLong(row.param(Benchmarks.PAYLOAD)));
        node.put("forks", row.forkCount());
        ArrayNode perFork = node.putArray("perFork");
        row.forkScores().forEach(perFork::add);
        node.put("unit", row.unit());
        if (row.isRoundTrip()) {
            figure(node, "mean", row.estimate());
            figure(node, "p50", Latency.supported(row.latency(), "p50"));
            figure(node, "p99", Latency.supported(row.latency(), "p99"));
            if (row.latency() != null) {
                node.put("samples", row.latency().samplesText());
            }
        } else if (row.isStream()) {
            figure(node, "msgs", row.estimate());
            figure(node, "mbs", Charts.megabytes(row));
            figure(node, "onewayp50", Latency.supported(row.oneWay(), "p50"));
            figure(node, "onewayp99", Latency.supported(row.oneWay(), "p99"));
        }
        figure(node, "cpu", Verdict.cpuPerMessage(row));
        perForkMetric(node, "cpuInitiator", row.secondary().get(CpuCostProfiler.INITIATOR));
        perForkMetric(node, "cpuPeer", row.secondary().get(CpuCostProfiler.PEER));
        perForkMetric(node, "floorStream", row.secondary().get(ForkFloorProfiler.METRIC));
        List<Histogram> histograms = results.histograms(whole);
        if (histograms != null && !host.isEmpty()) { // the histograms of this placement's forks only
            List<Histogram> in = new ArrayList<>();
            for (int fork = 0; fork < histograms.size(); fork++) {
                HostPlacements.Group group = placements.groupOf(whole, fork);
                if (group != null && group.name().equals(host)) {
                    in.add(histograms.get(fork));
                }
            }
            histograms = in;
        }
        if (histograms != null && !histograms.isEmpty()) {
            node.set("curve", curve(histograms));
        }
        return node;
    }

    private static void figure(ObjectNode node, String name, ForkEstimate estimate) {
        if (estimate == null || Double.isNaN(estimate.median())) {
            return;
        }
        ArrayNode figure = node.putArray(name).add(estimate.median());
        if (estimate.hasInterval()) {
            figure.add(estimate.low()).add(estimate.high());
        }
    }

    private static void perForkMetric(ObjectNode node, String name, ResultRow.Metric metric) {
        if (metric == null) {
            return;
        }
        metric.perFork().forEach(node.putArray(name)::add);
    }

    /**
     * The percentile curve of each fork, in µs: {@code x} the positions 1/(1 − q), {@code labels}
     * what the axis says there, {@code forks} one array of values per fork.
     */
    static ObjectNode curve(List<Histogram> perFork) {
        long fewest = perFork.stream().mapToLong(Histogram::getTotalCount).min().orElse(0);
        List<Double> quantiles = new ArrayList<>();
        for (double q : LADDER) {
            if (fewest * (1 - q) >= Latency.MIN_BEYOND - 1e-9) {
                quantiles.add(q);
            }
        }
        ObjectNode curve = JSON.createObjectNode();
        ArrayNode x = curve.putArray("x");
        ArrayNode labels = curve.putArray("labels");
        for (double q : quantiles) {
            x.add(1 / (1 - q));
            labels.add(percentLabel(q));
        }
        double last = quantiles.isEmpty() ? 1 : 1 / (1 - quantiles.get(quantiles.size() - 1));
        x.add(last * 10);
        labels.add("max");
        ArrayNode forks = curve.putArray("forks");
        for (Histogram histogram : perFork) {
            ArrayNode values = forks.addArray();
            for (double q : quantiles) {
                values.add(histogram.getValueAtPercentile(100 * q) / 1000.0);
            }
            values.add(histogram.getMaxValue() / 1000.0);
        }
        return curve;
    }

    /** 0.5 → "p50", 0.999 → "p99.9". */
    static String percentLabel(double q) {
        String digits = java.math.BigDecimal.valueOf(q).movePointRight(2).stripTrailingZeros().toPlainString();
        return "p" + digits;
    }
}
