package io.ipcbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes result sets in JMH's JSON format with known scores and controlled noise, so the reports'
 * statistics can be tested against ground truth: round trips and streams (throughput, raw data per
 * iteration) for a few transports and payloads. Two formats: the older one (round trips in sample
 * mode with a histogram per iteration, one fork) and, from {@link #forked}, the current one (round
 * trips in average-time mode with rtt.* metrics, several forks, each fork off by its own factor).
 */
public final class JmhJsonFixture {
    static final List<String> TRANSPORTS = List.of("pipe", "uds", "shm-spin");
    static final List<String> PAYLOADS = List.of("64", "65536");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;
    private final double noise;
    private final int iterations;
    private final Map<String, Double> factors;
    private final int forks;
    private final double forkNoise;

    /**
     * The older format: one fork, round trips in sample mode.
     *
     * @param noise relative standard deviation of per-iteration scores
     * @param factors multiplier per row key "transport/payload/mode" (mode "sample" or "thrpt"); 1 elsewhere
     */
    JmhJsonFixture(long seed, double noise, int iterations, Map<String, Double> factors) {
        this(seed, noise, iterations, factors, 0, 0);
    }

    private JmhJsonFixture(long seed, double noise, int iterations, Map<String, Double> factors, int forks, double forkNoise) {
        this.seed = seed;
        this.noise = noise;
        this.iterations = iterations;
        this.factors = factors;
        this.forks = forks;
        this.forkNoise = forkNoise;
    }

    /**
     * The current format: {@code forks} forks, round trips in average-time mode ("avgt" in the
     * factors' keys) with rtt.* metrics of 2,000 round trips an iteration.
     *
     * @param forkNoise relative standard deviation of a fork's level: the variance between JVMs
     */
    static JmhJsonFixture forked(long seed, double noise, double forkNoise, int forks, int iterations, Map<String, Double> factors) {
        return new JmhJsonFixture(seed, noise, iterations, factors, forks, forkNoise);
    }

    /** A small, valid result set (both benchmarks, a few transports and payloads) for tests of other packages. */
    public static void writeSample(Path file) throws IOException {
        new JmhJsonFixture(1, 0.03, 3, Map.of()).write(file);
    }

    void write(Path file) throws IOException {
        if (forks > 0) {
            writeForked(file);
            return;
        }
        Random random = new Random(seed);
        ArrayNode root = JSON.createArrayNode();
        for (String transport : TRANSPORTS) {
            for (String payload : PAYLOADS) {
                double base = 10 + TRANSPORTS.indexOf(transport) * 20 + Math.log(Double.parseDouble(payload));
                root.add(entry("io.ipcbench.bench.RoundTripBenchmark.roundTrip", "sample", "us/op", transport, payload,
                        base * factors.getOrDefault(transport + "/" + payload + "/sample", 1.0), random));
                root.add(entry("io.ipcbench.bench.StreamBenchmark.stream", "thrpt", "ops/s", transport, payload,
                        1e6 / base * factors.getOrDefault(transport + "/" + payload + "/thrpt", 1.0), random));
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private void writeForked(Path file) throws IOException {
        Random random = new Random(seed);
        RunFixture run = new RunFixture();
        for (String transport : TRANSPORTS) {
            for (String payload : PAYLOADS) {
                double base = 10 + TRANSPORTS.indexOf(transport) * 20 + Math.log(Double.parseDouble(payload));
                run.roundTrip(transport, payload, values(base * factors.getOrDefault(transport + "/" + payload + "/avgt", 1.0), random),
                        2000);
                run.stream(transport, payload, values(1e6 / base * factors.getOrDefault(transport + "/" + payload + "/thrpt", 1.0), random));
            }
        }
        run.writeJson(file);
    }

    /** Per fork, per iteration: the centre, moved by the fork's own factor, with noise per iteration. */
    private double[][] values(double center, Random random) {
        double[][] values = new double[forks][iterations];
        for (int fork = 0; fork < forks; fork++) {
            double level = center * Math.exp(forkNoise * random.nextGaussian());
            for (int i = 0; i < iterations; i++) {
                values[fork][i] = level * (1 + noise * random.nextGaussian());
            }
        }
        return values;
    }

    private ObjectNode entry(String benchmark, String mode, String unit, String transport, String payload, double center, Random random) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("jmhVersion", "1.37").put("benchmark", benchmark).put("mode", mode).put("threads", 1).put("forks", 1);
        ObjectNode params = entry.putObject("params");
        params.put("payload", payload).put("placement", "cross-core").put("transport", transport);
        ObjectNode primary = entry.putObject("primaryMetric");
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            values.add(center * (1 + noise * random.nextGaussian()));
        }
        primary.put("score", values.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).put("scoreUnit", unit);
        ObjectNode percentiles = primary.putObject("scorePercentiles");
        percentiles.put("50.0", center).put("90.0", center * 1.2).put("99.0", center * 2).put("99.9", center * 4)
                .put("99.99", center * 8).put("100.0", center * 20);
        ArrayNode fork = JSON.createArrayNode();
        if (mode.equals("sample")) {
            // each iteration a small histogram whose median is that iteration's value
            for (double value : values) {
                ArrayNode histogram = fork.addArray();
                histogram.addArray().add(value * 0.9).add(40);
                histogram.addArray().add(value).add(30);
                histogram.addArray().add(value * 3).add(30);
            }
            primary.putArray("rawDataHistogram").add(fork);
        } else {
            values.forEach(fork::add);
            primary.putArray("rawData").add(fork);
            ObjectNode bytes = entry.putObject("secondaryMetrics").putObject("bytes");
            bytes.put("score", center * Double.parseDouble(payload)).put("scoreUnit", "ops/s");
            ObjectNode cpu = entry.with("secondaryMetrics").putObject("cpu.initiator.ns/msg");
            cpu.put("score", 500.0).put("scoreUnit", "ns/msg");
            ObjectNode peer = entry.with("secondaryMetrics").putObject("cpu.peer.ns/msg");
            peer.put("score", 400.0).put("scoreUnit", "ns/msg");
        }
        return entry;
    }

    /** A fingerprint like the suite writes, for result sets in {@code dir}. */
    public static void writeFingerprint(Path dir, String kernel) throws IOException {
        writeFingerprint(dir, kernel, Map.of());
    }

    /** The same with {@code more} fields (e.g. "jmhOptions", "floor", "steal") added or replaced. */
    public static void writeFingerprint(Path dir, String kernel, Map<String, Object> more) throws IOException {
        ObjectNode fingerprint = JSON.createObjectNode();
        fingerprint.put("kernel", kernel).put("cpuModel", "Test CPU").put("cpuCount", 2).put("jdkVendor", "Test")
                .put("jdkVersion", "17").putObject("ipcLimits").put("kernel.msgmax", "8192");
        more.forEach((field, value) -> fingerprint.set(field, JSON.valueToTree(value)));
        JSON.writeValue(dir.resolve("fingerprint.json").toFile(), fingerprint);
    }
}
