package io.ipcbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import io.ipcbench.core.BadInput;

/**
 * The HdrHistogram logs of a run: {@code <run>/histograms/<Benchmark>-<param>=<value>-…-fork<k>.hlog},
 * e.g. {@code RoundTripBenchmark-transport=pipe-payload=64-placement=cross-core-wait=default-fork1.hlog}, one file
 * per fork holding one interval histogram per measured iteration (values in nanoseconds, written
 * with HdrHistogram's {@code HistogramLogWriter}); a one-way trial's are {@code …-fork<k>.oneway.hlog}.
 * A file belongs to the row whose benchmark class and params are exactly those of its name.
 */
final class HistogramLogs {
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
     * @param benchmark "RoundTripBenchmark.roundTrip"
     */
    List<Histogram> perFork(String benchmark, Map<String, String> params, int forks) {
        return perFork("", benchmark, params, forks);
    }

    /** As {@link #perFork(String, Map, int)}, of the one-way logs ({@code …-fork<k>.oneway.hlog}). */
    List<Histogram> oneWayPerFork(String benchmark, Map<String, String> params, int forks) {
        return perFork(ONE_WAY, benchmark, params, forks);
    }

    private List<Histogram> perFork(String kind, String benchmark, Map<String, String> params, int forks) {
        int method = benchmark.indexOf('.');
        SortedMap<Integer, Path> logs = files.get(kind + key(method < 0 ? benchmark : benchmark.substring(0, method), params));
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
