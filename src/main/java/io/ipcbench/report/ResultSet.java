package io.ipcbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.HistogramLogReader;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.Benchmarks;
import io.ipcbench.registry.TransportRegistry;

/**
 * A result set as the reports read it: a run folder ({@code jmh.json}, {@code fingerprint.json} and,
 * from runs that recorded every round trip, {@code histograms/}) or a JMH JSON file (with those
 * beside it if they are there). Anything that is not JMH's JSON is refused with one line that says
 * what was expected. Older sets — round trips in SampleTime mode, no histograms — read as before.
 */
public final class ResultSet {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a curated set keeps instead of jmh.json, 8× smaller ({@code gunzip -k} restores it for JMH Visualizer). */
    public static final String COMPRESSED_JSON = "jmh.json.gz";

    private final Path json;
    private final List<ResultRow> rows;
    private final Fingerprint fingerprint;
    /** Each row's merged histogram per fork, for rows whose logs are complete (by identity: rows are records). */
    private final Map<ResultRow, List<Histogram>> histograms;

    private ResultSet(Path json, List<ResultRow> rows, Fingerprint fingerprint, Map<ResultRow, List<Histogram>> histograms) {
        this.json = json;
        this.rows = rows;
        this.fingerprint = fingerprint;
        this.histograms = histograms;
    }

    public static ResultSet load(Path path) {
        Path json = Files.isDirectory(path) ? jsonIn(path) : path;
        if (!Files.isRegularFile(json)) {
            throw new BadInput(Files.isDirectory(path) ? path + " has no jmh.json (nor " + COMPRESSED_JSON
                    + "): give a run folder or a JMH JSON file" : "no such file: " + path);
        }
        JsonNode root;
        try (InputStream in = open(json)) {
            root = JSON.readTree(in);
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
        HistogramLogs logs = HistogramLogs.besides(json);
        Map<ResultRow, List<Histogram>> histograms = new IdentityHashMap<>();
        int index = 0;
        for (JsonNode entry : root) {
            rows.add(parse(entry, json, index++, logs, histograms));
        }
        Path fingerprintFile = json.resolveSibling("fingerprint.json");
        Fingerprint fingerprint = Files.isRegularFile(fingerprintFile) ? Fingerprint.read(fingerprintFile) : null;
        return new ResultSet(json, List.copyOf(rows), fingerprint, histograms);
    }

    /** A run folder's jmh.json, or the gzip-compressed copy that curated sets under results/ keep instead. */
    private static Path jsonIn(Path dir) {
        Path plain = dir.resolve("jmh.json");
        Path compressed = dir.resolve(COMPRESSED_JSON);
        return !Files.exists(plain) && Files.exists(compressed) ? compressed : plain;
    }

    private static InputStream open(Path json) throws IOException {
        InputStream in = Files.newInputStream(json);
        return json.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    private static ResultRow parse(JsonNode entry, Path json, int index, HistogramLogs histograms,
            Map<ResultRow, List<Histogram>> rowHistograms) {
        JsonNode primary = entry.path("primaryMetric");
        if (!entry.path("benchmark").isTextual() || !entry.path("mode").isTextual() || !primary.path("score").isNumber()
                || !primary.path("scoreUnit").isTextual()) {
            throw new BadInput(json + " is not a JMH result file: entry " + index
                    + " lacks benchmark, mode or primaryMetric.score/scoreUnit");
        }
        String benchmark = shorten(entry.get("benchmark").asText());
        String mode = entry.get("mode").asText();
        double score = primary.get("score").asDouble();
        TreeMap<String, String> params = new TreeMap<>();
        entry.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
        Map<String, Double> percentiles = new LinkedHashMap<>();
        primary.path("scorePercentiles").fields().forEachRemaining(p -> percentiles.put(p.getKey(), p.getValue().asDouble()));
        Map<String, ResultRow.Metric> secondary = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("secondaryMetrics").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> metric = it.next();
            secondary.put(metric.getKey(), new ResultRow.Metric(metric.getValue().path("score").asDouble(),
                    metric.getValue().path("scoreUnit").asText(), forks(metric.getValue())));
        }
        List<List<Double>> forks = forks(primary);
        List<Double> forkScores = forkScores(mode, primary, forks, secondary.get(Latency.COUNT_METRIC));
        List<Histogram> logs = histograms.perFork(false, benchmark, params, forkScores.size());
        Latency latency = logs != null ? Latency.fromHistograms(logs) : Latency.fromSecondary(secondary, Latency.ROUND_TRIP_PREFIX);
        if (latency == null && mode.equals(Benchmarks.SAMPLE_TIME)) {
            latency = Latency.fromSampleTime(percentiles, sampleCount(primary));
        }
        List<Histogram> oneWayLogs = histograms.perFork(true, benchmark, params, forkScores.size());
        Latency oneWay = oneWayLogs != null ? Latency.fromHistograms(oneWayLogs) : Latency.fromSecondary(secondary, Latency.ONE_WAY_PREFIX);
        // the histogram logs are named by the params as run; the row by its identity (native wait dropped)
        ResultRow row = new ResultRow(benchmark, mode, TransportRegistry.rowIdentity(params), primary.get("scoreUnit").asText(), score,
                forks, forkScores.isEmpty() ? List.of(score) : forkScores, secondary, latency, oneWay);
        if (logs != null) {
            rowHistograms.put(row, List.copyOf(logs));
        }
        return row;
    }

    /**
     * Per fork, its per-iteration values: {@code rawData} as is, or for sample-time each iteration's
     * median from {@code rawDataHistogram} (the median, not the mean, so a rare 10 ms hiccup of this
     * VM does not decide a comparison).
     */
    private static List<List<Double>> forks(JsonNode metric) {
        List<List<Double>> forks = new ArrayList<>();
        metric.path("rawData").forEach(fork -> forks.add(iterations(fork, JsonNode::asDouble)));
        metric.path("rawDataHistogram").forEach(fork -> forks.add(iterations(fork, ResultSet::median)));
        return List.copyOf(forks);
    }

    /** A fork's iterations, each read by {@code value}. */
    private static List<Double> iterations(JsonNode fork, java.util.function.ToDoubleFunction<JsonNode> value) {
        List<Double> values = new ArrayList<>();
        fork.forEach(iteration -> values.add(value.applyAsDouble(iteration)));
        return List.copyOf(values);
    }

    /**
     * Each fork's score as its mode defines it. Average time: total time ÷ operations, so each
     * iteration counts by its number of round trips ({@code rtt.count}) when the run recorded them.
     * Sample time: the mean of the fork's samples. Anything else: the mean of its iterations.
     */
    private static List<Double> forkScores(String mode, JsonNode primary, List<List<Double>> forks, ResultRow.Metric counts) {
        List<Double> scores = new ArrayList<>();
        if (mode.equals(Benchmarks.SAMPLE_TIME) && primary.has("rawDataHistogram")) {
            for (JsonNode fork : primary.get("rawDataHistogram")) {
                double[] totals = totals(fork);
                scores.add(totals[1] == 0 ? Double.NaN : totals[0] / totals[1]);
            }
            return scores;
        }
        for (int fork = 0; fork < forks.size(); fork++) {
            List<Double> weights = mode.equals(Benchmarks.AVERAGE_TIME) && counts != null && fork < counts.forks().size()
                    ? counts.forks().get(fork) : List.of();
            scores.add(Latency.weightedMean(forks.get(fork), weights));
        }
        return scores;
    }

    /** The samples JMH kept for a sample-time row, over all forks and iterations; -1 without raw data. */
    private static long sampleCount(JsonNode primary) {
        if (!primary.has("rawDataHistogram")) {
            return -1;
        }
        long count = 0;
        for (JsonNode fork : primary.get("rawDataHistogram")) {
            count += (long) totals(fork)[1];
        }
        return count;
    }

    /** {Σ value × count, Σ count} over a fork's iteration histograms, each given as [[value, count], …]. */
    private static double[] totals(JsonNode fork) {
        double sum = 0;
        long count = 0;
        for (JsonNode iteration : fork) {
            for (JsonNode bin : iteration) {
                sum += bin.get(0).asDouble() * bin.get(1).asLong();
                count += bin.get(1).asLong();
            }
        }
        return new double[] {sum, count};
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

    /** "io.ipcbench.bench.RoundTripBenchmark.roundTrip" → "RoundTripBenchmark.roundTrip", as the reports name a benchmark. */
    public static String shorten(String benchmark) {
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

    /** The row's histogram of every round trip, one per fork (its iterations merged); null without complete logs. */
    public List<Histogram> histograms(ResultRow row) {
        return histograms.get(row);
    }

    /** The run's id: the name of its folder ("20261206-203015", "baseline"). */
    public String id() {
        Path folder = json.toAbsolutePath().getParent();
        return folder == null || folder.getFileName() == null ? json.getFileName().toString() : folder.getFileName().toString();
    }

    /**
     * Where the run is, as a reader of the project names it: the folder from {@code results/} on
     * ("results/runs/20261206-203015"), else its id — never a path of the machine it ran on.
     */
    public String where() {
        String folder = readable(json.toAbsolutePath().normalize().getParent());
        return folder.startsWith("results/") ? folder : id();
    }

    /** A path as a reader of the project names it: from {@code results/} on where it is under one, else its last name. */
    public static String readable(Path path) {
        String text = path.toAbsolutePath().normalize().toString().replace('\\', '/');
        int results = text.lastIndexOf("/results/");
        return results >= 0 ? text.substring(results + 1) : String.valueOf(path.getFileName());
    }

    /** The fingerprint beside the JSON, or null if there is none. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * The HdrHistogram logs of a run: {@code <run>/histograms/<Benchmark>-<param>=<value>-…-fork<k>.hlog},
     * e.g. {@code RoundTripBenchmark-transport=pipe-payload=64-placement=cross-core-wait=default-fork1.hlog}, one file
     * per fork holding one interval histogram per measured iteration (values in nanoseconds, written
     * with HdrHistogram's {@code HistogramLogWriter}); a one-way trial's are {@code …-fork<k>.oneway.hlog}.
     * A file belongs to the row whose benchmark class and params are exactly those of its name.
     */
    static final class HistogramLogs {
        static final String DIRECTORY = "histograms";
        private static final Pattern NAME = Pattern.compile("([A-Za-z_$][\\w$]*)-(.+)-fork(\\d+)(\\.oneway)?\\.hlog");
        /** Marks a one-way log in the map's keys. */
        private static final String ONE_WAY = "oneway ";
        /** Splits "transport=shm-spin-payload=64" before each "name=", so values may contain '-'. */
        private static final Pattern PARAM_START = Pattern.compile("-(?=[A-Za-z_][\\w.]*=)");

        /** benchmark class + params → fork number → file. */
        private final Map<String, SortedMap<Integer, Path>> files;

        private HistogramLogs(Map<String, SortedMap<Integer, Path>> files) {
            this.files = files;
        }

        /** The logs beside {@code json} (none if there is no histograms folder: an older result set). */
        static HistogramLogs besides(Path json) {
            Path dir = json.toAbsolutePath().resolveSibling(DIRECTORY);
            Map<String, SortedMap<Integer, Path>> files = new HashMap<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.forEach(file -> {
                        Matcher name = NAME.matcher(file.getFileName().toString());
                        SortedMap<String, String> params = name.matches() ? params(name.group(2)) : null;
                        if (params != null) {
                            files.computeIfAbsent((name.group(4) != null ? ONE_WAY : "") + key(name.group(1), params), k -> new TreeMap<>())
                                    .put(Integer.parseInt(name.group(3)), file);
                        }
                    });
                } catch (IOException e) {
                    throw new BadInput("cannot list " + dir + ": " + e.getMessage());
                }
            }
            return new HistogramLogs(files);
        }

        /** "transport=pipe-payload=64" → {payload=64, transport=pipe}; null if a part is not name=value. */
        private static SortedMap<String, String> params(String text) {
            SortedMap<String, String> params = new TreeMap<>();
            for (String part : PARAM_START.split(text)) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    return null;
                }
                params.put(part.substring(0, eq), part.substring(eq + 1));
            }
            return params;
        }

        private static String key(String benchmarkClass, Map<String, String> params) {
            return benchmarkClass + " " + new TreeMap<>(params);
        }

        /**
         * One histogram per fork, that fork's iterations merged, or null unless there is a log with at
         * least one round trip for every fork 1 … {@code forks}: a partial set would make the median over
         * forks a median over the forks that happened to be written.
         *
         * @param oneWay the one-way logs ({@code …-fork<k>.oneway.hlog}) rather than the round trips'
         * @param benchmark "RoundTripBenchmark.roundTrip"
         */
        List<Histogram> perFork(boolean oneWay, String benchmark, Map<String, String> params, int forks) {
            int method = benchmark.indexOf('.');
            SortedMap<Integer, Path> logs = files.get((oneWay ? ONE_WAY : "") + key(method < 0 ? benchmark : benchmark.substring(0, method), params));
            if (logs == null || forks < 1) {
                return null;
            }
            List<Histogram> merged = new ArrayList<>();
            for (int fork = 1; fork <= forks; fork++) {
                Path log = logs.get(fork);
                Histogram histogram = log == null ? null : read(log);
                if (histogram == null || histogram.getTotalCount() == 0) {
                    return null;
                }
                merged.add(histogram);
            }
            return merged;
        }

        /** All interval histograms of one log, merged; null if it holds none. */
        private static Histogram read(Path log) {
            Histogram merged = null;
            try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
                for (EncodableHistogram interval = reader.nextIntervalHistogram(); interval != null;
                        interval = reader.nextIntervalHistogram()) {
                    if (!(interval instanceof AbstractHistogram histogram)) {
                        throw new BadInput(log + " holds a " + interval.getClass().getSimpleName()
                                + "; expected integer histograms of nanoseconds");
                    }
                    if (merged == null) {
                        merged = new Histogram(histogram.getNumberOfSignificantValueDigits()); // auto-resizing
                    }
                    merged.add(histogram);
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof BadInput bad) {
                    throw bad;
                }
                throw new BadInput("cannot read the histogram log " + log + " (" + e + "); move it away to report the"
                        + " per-iteration percentiles instead");
            }
            return merged;
        }
    }
}
