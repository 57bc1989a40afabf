package io.ipcbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ipcbench.cli.BadInput;

/**
 * A result set as the reports read it: a run folder ({@code jmh.json} and {@code fingerprint.json})
 * or a JMH JSON file (with {@code fingerprint.json} beside it if there is one). Anything that is not
 * JMH's JSON is refused with one line that says what was expected.
 */
public final class ResultSet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path json;
    private final List<ResultRow> rows;
    private final Fingerprint fingerprint;

    private ResultSet(Path json, List<ResultRow> rows, Fingerprint fingerprint) {
        this.json = json;
        this.rows = rows;
        this.fingerprint = fingerprint;
    }

    public static ResultSet load(Path path) {
        Path json = Files.isDirectory(path) ? path.resolve("jmh.json") : path;
        if (!Files.isRegularFile(json)) {
            throw new BadInput(Files.isDirectory(path) ? path + " has no jmh.json: give a run folder or a JMH JSON file"
                    : "no such file: " + path);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInput(json + " is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + "); expected JMH's -rf json output");
        } catch (IOException e) {
            throw new BadInput("cannot read " + json + ": " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new BadInput(json + " is not a JMH result file: expected a JSON array of benchmark results");
        }
        if (root.isEmpty()) {
            throw new BadInput(json + " holds no results (an empty JMH run)");
        }
        List<ResultRow> rows = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root) {
            rows.add(parse(entry, json, index++));
        }
        Path fingerprintFile = json.resolveSibling("fingerprint.json");
        Fingerprint fingerprint = Files.isRegularFile(fingerprintFile) ? Fingerprint.read(fingerprintFile) : null;
        return new ResultSet(json, List.copyOf(rows), fingerprint);
    }

    private static ResultRow parse(JsonNode entry, Path json, int index) {
        JsonNode primary = entry.path("primaryMetric");
        if (!entry.path("benchmark").isTextual() || !entry.path("mode").isTextual() || !primary.path("score").isNumber()
                || !primary.path("scoreUnit").isTextual()) {
            throw new BadInput(json + " is not a JMH result file: entry " + index
                    + " lacks benchmark, mode or primaryMetric.score/scoreUnit");
        }
        String benchmark = shorten(entry.get("benchmark").asText());
        TreeMap<String, String> params = new TreeMap<>();
        entry.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
        Map<String, Double> percentiles = new LinkedHashMap<>();
        primary.path("scorePercentiles").fields().forEachRemaining(p -> percentiles.put(p.getKey(), p.getValue().asDouble()));
        Map<String, ResultRow.Metric> secondary = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("secondaryMetrics").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> metric = it.next();
            secondary.put(metric.getKey(), new ResultRow.Metric(metric.getValue().path("score").asDouble(),
                    metric.getValue().path("scoreUnit").asText(), iterations(metric.getValue())));
        }
        return new ResultRow(benchmark, entry.get("mode").asText(), params, primary.get("scoreUnit").asText(),
                primary.get("score").asDouble(), iterations(primary), percentiles, secondary);
    }

    /**
     * Per-iteration values over all forks: {@code rawData} as is, or for sample-time each iteration's
     * median from {@code rawDataHistogram} (the median, not the mean, so a rare 10 ms hiccup of this
     * VM does not decide a comparison).
     */
    private static List<Double> iterations(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode value : fork) {
                values.add(value.asDouble());
            }
        }
        for (JsonNode fork : metric.path("rawDataHistogram")) {
            for (JsonNode iteration : fork) {
                values.add(median(iteration));
            }
        }
        return values;
    }

    /** Median of a histogram given as [[value, count], …]. */
    private static double median(JsonNode histogram) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        long total = 0;
        for (JsonNode bin : histogram) {
            long count = bin.get(1).asLong();
            counts.merge(bin.get(0).asDouble(), count, Long::sum);
            total += count;
        }
        long seen = 0;
        for (Map.Entry<Double, Long> bin : counts.entrySet()) {
            seen += bin.getValue();
            if (seen * 2 >= total) {
                return bin.getKey();
            }
        }
        return Double.NaN;
    }

    /** "io.ipcbench.bench.RoundTripBenchmark.roundTrip" → "RoundTripBenchmark.roundTrip". */
    private static String shorten(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(type + 1);
    }

    public Path json() {
        return json;
    }

    public List<ResultRow> rows() {
        return rows;
    }

    /** The fingerprint beside the JSON, or null if there is none. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }
}
