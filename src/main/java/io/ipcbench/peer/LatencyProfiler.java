package io.ipcbench.peer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.ClockSource;

/**
 * Percentiles of every round trip, per measured iteration, as JMH secondary metrics
 * ({@code rtt.p50} … {@code rtt.p99.99}, {@code rtt.max} in µs and {@code rtt.count}, the round
 * trips behind them), taken from the {@link RoundTripLatency} histogram of that iteration alone
 * (the trial's record holds it: {@link TrialRecord});
 * and in a one-way trial (stream, paced one-way load) the same of every message's one-way latency,
 * {@code oneway.p50} … {@code oneway.max}, {@code oneway.count}, with {@code oneway.inversions}
 * (messages read before their stamp: 0 with a clock every CPU shares), from {@link OneWayLatency}.
 * One-way figures are left out, said once, where the clock source is not one every CPU reads alike
 * ({@code core.ClockSource}).
 * Where the launcher names a run folder (system property {@value #RUN_DIR_PROPERTY}), each fork
 * also appends every measured iteration's histogram to
 * {@code histograms/<benchmark>-transport=…-payload=…-placement=…-wait=…-fork<k>.hlog} (one-way:
 * {@code …-fork<k>.oneway.hlog}) in HdrHistogram's
 * log format (nanoseconds), which HdrHistogram's own tools re-plot and merge.
 *
 * <p>Warm-up iterations are recorded too, then dropped at the next iteration's start, so a
 * measured iteration's histogram holds its own messages only. The histograms are reused from one
 * iteration to the next ({@link IntervalHistogram}), and so are the log writers and their buffers.
 */
public final class LatencyProfiler implements InternalProfiler {
    public static final String RUN_DIR_PROPERTY = "ipcbench.run.dir";
    public static final String PREFIX = "rtt.";
    public static final String ONE_WAY_PREFIX = "oneway.";
    /** Messages the peer read before their send stamp, per iteration. */
    public static final String INVERSIONS = ONE_WAY_PREFIX + "inversions";
    /** Percentiles reported, with their metric names. */
    public static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String[] NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private final Kind roundTrips = new Kind(PREFIX, "", TrialRecord::roundTrips);
    private final Kind oneWay = new Kind(ONE_WAY_PREFIX, ".oneway", TrialRecord::oneWay);
    /** Why this machine gives no one-way figures (null: it does), read once. */
    private String clockRefusal;
    private boolean clockChecked;
    private boolean logPrimed;

    /** One kind of latency: its metrics' prefix, its logs' suffix, where its histograms are, and its log. */
    private static final class Kind {
        final String prefix;
        final String logSuffix;
        final Function<TrialRecord, ? extends IntervalHistogram> histogram;
        HistogramLogWriter log;
        IntervalHistogram logged;

        Kind(String prefix, String logSuffix, Function<TrialRecord, ? extends IntervalHistogram> histogram) {
            this.prefix = prefix;
            this.logSuffix = logSuffix;
            this.histogram = histogram;
        }

        /** The latest trial's histogram of this kind, or null. */
        IntervalHistogram latest() {
            TrialRecord record = TrialRecord.latest();
            return record == null ? null : histogram.apply(record);
        }
    }

    @Override
    public String getDescription() {
        return "every round trip's (and one-way message's) latency in an HdrHistogram: percentiles per iteration, histogram logs (ipc-bench)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (!logPrimed && iterationParams.getType() == IterationType.WARMUP) {
            logPrimed = true;
            Thread primer = new Thread(LatencyProfiler::primeLog, "ipc-bench latency log classes");
            primer.setDaemon(true);
            primer.start();
        }
        for (Kind kind : List.of(roundTrips, oneWay)) {
            IntervalHistogram latency = kind.latest();
            if (latency != null) {
                latency.recycle(latency.takeInterval()); // drop what earlier iterations left
            }
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        try {
            List<Result> results = new ArrayList<>();
            report(roundTrips, benchmarkParams, iterationParams, results);
            OneWayLatency oneWayLatency = (OneWayLatency) oneWay.latest();
            if (oneWayLatency != null && oneWayFiguresAllowed()) {
                if (report(oneWay, benchmarkParams, iterationParams, results)) {
                    results.add(new ScalarResult(INVERSIONS, oneWayLatency.inversionsOfInterval(), "msgs", AggregationPolicy.SUM));
                }
            }
            return results;
        } finally {
            TrialRecord.releaseEnded();
        }
    }

    /** Adds the kind's metrics of the iteration that ended; true if it had any. */
    private boolean report(Kind kind, BenchmarkParams benchmarkParams, IterationParams iterationParams, List<Result> results) {
        IntervalHistogram latency = kind.latest();
        if (latency == null || iterationParams.getType() != IterationType.MEASUREMENT) {
            return false;
        }
        Histogram interval = latency.takeInterval();
        try {
            if (interval.getTotalCount() == 0) {
                return false;
            }
            writeToLog(benchmarkParams, kind, latency, interval);
            double perUnit = TimeUnit.MICROSECONDS.toNanos(1);
            for (int i = 0; i < PERCENTILES.length; i++) {
                results.add(new ScalarResult(kind.prefix + NAMES[i], interval.getValueAtPercentile(PERCENTILES[i]) / perUnit, "us",
                        AggregationPolicy.AVG));
            }
            results.add(new ScalarResult(kind.prefix + "max", interval.getMaxValue() / perUnit, "us", AggregationPolicy.MAX));
            results.add(new ScalarResult(kind.prefix + "count", interval.getTotalCount(), "ops", AggregationPolicy.SUM));
            return true;
        } finally {
            latency.recycle(interval);
        }
    }

    private boolean oneWayFiguresAllowed() {
        if (!clockChecked) {
            clockChecked = true;
            clockRefusal = ClockSource.refusal();
            if (clockRefusal != null) {
                System.err.println("ipc-bench: no one-way latency figures: " + clockRefusal);
            }
        }
        return clockRefusal == null;
    }

    private void writeToLog(BenchmarkParams params, Kind kind, IntervalHistogram latency, Histogram interval) {
        String runDir = System.getProperty(RUN_DIR_PROPERTY);
        if (runDir == null || runDir.isBlank()) {
            return;
        }
        try {
            if (kind.log == null || kind.logged != latency) {
                kind.log = openLog(Path.of(runDir, "histograms"), logName(params), kind.logSuffix, interval.getStartTimeStamp());
                kind.logged = latency;
            }
            kind.log.outputIntervalHistogram(interval);
        } catch (IOException e) {
            // the percentiles still reach jmh.json; a missing log is said once, not fatal to the run
            System.err.println("ipc-bench: cannot write the latency histogram log in " + runDir + ": " + e.getMessage());
            kind.log = null;
        }
    }

    /** e.g. {@code RoundTripBenchmark-transport=pipe-payload=64-placement=cross-core}. */
    static String logName(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        int dot = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
        StringBuilder name = new StringBuilder(benchmark.substring(dot + 1, benchmark.lastIndexOf('.')));
        for (String key : Benchmarks.PARAMS) {
            String value = params.getParam(key);
            if (value != null) {
                name.append('-').append(key).append('=').append(value);
            }
        }
        return name.toString();
    }

    /**
     * Writes a log's header and one histogram into nothing, on a thread of its own during the first warm-up iteration
     * (discarded anyway): the first measured iteration's log then finds the time zone's names (for the start time the
     * header spells out), the compressor and Base64 loaded, which took ~50 ms of a quick fork's time between two
     * iterations. Without warm-up nothing is primed, so that no measured iteration shares its CPUs.
     */
    static void primeLog() {
        long now = System.currentTimeMillis();
        HistogramLogWriter writer = startedLog(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), now);
        Histogram histogram = new Histogram(3);
        histogram.recordValue(1);
        histogram.setStartTimeStamp(now);
        histogram.setEndTimeStamp(now);
        writer.outputIntervalHistogram(histogram);
        histogram.getValueAtPercentile(PERCENTILES[0]);
    }

    /** Forks of one trial run one after another: each takes the next free number. */
    private static HistogramLogWriter openLog(Path dir, String name, String suffix, long startMillis) throws IOException {
        Files.createDirectories(dir);
        for (int fork = 1; ; fork++) {
            Path file = dir.resolve(name + "-fork" + fork + suffix + ".hlog");
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            return startedLog(new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8), startMillis);
        }
    }

    /** A histogram log into {@code out}, its header written: format version, start time, legend. */
    private static HistogramLogWriter startedLog(PrintStream out, long startMillis) {
        HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
        return writer;
    }
}
