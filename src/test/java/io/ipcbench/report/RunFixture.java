package io.ipcbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ipcbench.report.ResultSet.HistogramLogs;

/**
 * Writes a run folder in the format of the suite's current benchmarks, with exactly the values a
 * test gives: round trips in average-time mode (us/op) with the per-iteration secondary metrics
 * {@code rtt.p50 … rtt.max} (us) and {@code rtt.count} (ops), streams in throughput mode with
 * {@code bytes}, one array of iteration values per fork, and optionally the HdrHistogram logs
 * ({@code histograms/RoundTripBenchmark-transport=…-payload=…-placement=…-fork<k>.hlog}, ns).
 */
final class RunFixture {
    static final String PLACEMENT = "cross-core";
    /** The secondary percentiles each round-trip iteration reports, as multiples of its mean. */
    static final Map<String, Double> PERCENTILE_FACTORS = Map.of("rtt.p50", 0.9, "rtt.p90", 1.2, "rtt.p99", 2.0,
            "rtt.p99.9", 4.0, "rtt.p99.99", 8.0, "rtt.max", 20.0);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode root = JSON.createArrayNode();
    private String placement = PLACEMENT;
    private String wait;

    /** The placement of the rows added from now on. */
    RunFixture placement(String placement) {
        this.placement = placement;
        return this;
    }

    /** The -p wait= of the rows added from now on (none: a row from before the wait axis). */
    RunFixture waiting(String wait) {
        this.wait = wait;
        return this;
    }

    /** A round-trip row: per fork, per iteration, the mean RTT in µs; each iteration with {@code count} round trips. */
    RunFixture roundTrip(String transport, String payload, double[][] scores, long count) {
        long[][] counts = new long[scores.length][];
        for (int fork = 0; fork < scores.length; fork++) {
            counts[fork] = new long[scores[fork].length];
            Arrays.fill(counts[fork], count);
        }
        return roundTrip(transport, payload, scores, counts);
    }

    /** A round-trip row with its own round-trip count for every iteration. */
    RunFixture roundTrip(String transport, String payload, double[][] scores, long[][] counts) {
        ObjectNode entry = entry("io.ipcbench.bench.RoundTripBenchmark.roundTrip", "avgt", "us/op", transport, payload, scores);
        ObjectNode secondary = entry.putObject("secondaryMetrics");
        PERCENTILE_FACTORS.forEach((name, factor) -> metric(secondary, name, "us", scale(scores, factor)));
        double[][] countValues = new double[counts.length][];
        for (int fork = 0; fork < counts.length; fork++) {
            countValues[fork] = Arrays.stream(counts[fork]).asDoubleStream().toArray();
        }
        metric(secondary, Latency.COUNT_METRIC, "ops", countValues);
        root.add(entry);
        return this;
    }

    /** A streaming row: per fork, per iteration, messages/s; bytes/s follow from the payload. */
    RunFixture stream(String transport, String payload, double[][] messagesPerSecond) {
        ObjectNode entry = entry("io.ipcbench.bench.StreamBenchmark.stream", "thrpt", "ops/s", transport, payload, messagesPerSecond);
        ObjectNode secondary = entry.putObject("secondaryMetrics");
        metric(secondary, "bytes", "ops/s", scale(messagesPerSecond, Double.parseDouble(payload)));
        metric(secondary, "cpu.initiator.ns/msg", "ns/msg", scale(messagesPerSecond, 0)).put("score", 500.0);
        metric(secondary, "cpu.peer.ns/msg", "ns/msg", scale(messagesPerSecond, 0)).put("score", 400.0);
        root.add(entry);
        return this;
    }

    /** Gives the last row the floor each of its forks measured (floor.stream, GB/s), repeated for each iteration. */
    RunFixture forkFloor(double... gbpsPerFork) {
        ObjectNode entry = (ObjectNode) root.get(root.size() - 1);
        int iterations = entry.get("primaryMetric").get("rawData").get(0).size();
        double[][] values = new double[gbpsPerFork.length][iterations];
        for (int fork = 0; fork < gbpsPerFork.length; fork++) {
            Arrays.fill(values[fork], gbpsPerFork[fork]);
        }
        metric((ObjectNode) entry.get("secondaryMetrics"), io.ipcbench.floor.ForkFloorProfiler.METRIC, "GB/s", values);
        return this;
    }

    /** Writes jmh.json and a fingerprint into {@code runDir}. */
    Path write(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        writeJson(runDir.resolve("jmh.json"));
        JmhJsonFixture.writeFingerprint(runDir, "Linux 6.1");
        return runDir;
    }

    void writeJson(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    /**
     * Writes the histogram log of one fork of a round-trip row: one interval histogram per element
     * of {@code iterations}, each holding the given round-trip times in nanoseconds.
     */
    static void writeHistograms(Path runDir, String transport, String payload, int fork, List<long[]> iterations) throws IOException {
        Path dir = Files.createDirectories(runDir.resolve(HistogramLogs.DIRECTORY));
        Path file = dir.resolve("RoundTripBenchmark-transport=" + transport + "-payload=" + payload + "-placement=" + PLACEMENT
                + "-fork" + fork + ".hlog");
        HistogramLogWriter writer = new HistogramLogWriter(file.toFile());
        try {
            writer.outputLogFormatVersion();
            writer.outputStartTime(0);
            writer.outputLegend();
            long start = 0;
            for (long[] values : iterations) {
                Histogram histogram = new Histogram(3);
                histogram.setStartTimeStamp(start);
                for (long value : values) {
                    histogram.recordValue(value);
                }
                histogram.setEndTimeStamp(start += 1000);
                writer.outputIntervalHistogram(histogram);
            }
        } finally {
            writer.close();
        }
    }

    /** {@code count} copies of {@code nanos}. */
    static long[] repeat(long nanos, int count) {
        long[] values = new long[count];
        Arrays.fill(values, nanos);
        return values;
    }

    private ObjectNode entry(String benchmark, String mode, String unit, String transport, String payload, double[][] forks) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("jmhVersion", "1.37").put("benchmark", benchmark).put("mode", mode).put("threads", 1).put("forks", forks.length);
        ObjectNode params = entry.putObject("params").put("payload", payload).put("placement", placement).put("transport", transport);
        if (wait != null) {
            params.put("wait", wait);
        }
        ObjectNode primary = entry.putObject("primaryMetric");
        primary.put("score", Arrays.stream(forks).flatMapToDouble(Arrays::stream).average().orElseThrow()).put("scoreUnit", unit);
        primary.set("rawData", rawData(forks));
        return entry;
    }

    private static ObjectNode metric(ObjectNode secondary, String name, String unit, double[][] forks) {
        ObjectNode metric = secondary.putObject(name);
        metric.put("score", Arrays.stream(forks).flatMapToDouble(Arrays::stream).average().orElseThrow()).put("scoreUnit", unit);
        metric.set("rawData", rawData(forks));
        return metric;
    }

    private static ArrayNode rawData(double[][] forks) {
        ArrayNode raw = JSON.createArrayNode();
        for (double[] fork : forks) {
            ArrayNode values = raw.addArray();
            Arrays.stream(fork).forEach(values::add);
        }
        return raw;
    }

    private static double[][] scale(double[][] forks, double factor) {
        return Arrays.stream(forks).map(f -> Arrays.stream(f).map(v -> v * factor).toArray()).toArray(double[][]::new);
    }
}
