package io.ipcbench.peer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

/**
 * Percentiles of every round trip, per measured iteration, as JMH secondary metrics
 * ({@code rtt.p50} … {@code rtt.p99.99}, {@code rtt.max} in µs and {@code rtt.count}, the round
 * trips behind them), taken from the {@link RoundTripLatency} histogram of that iteration alone.
 * Where the launcher names a run folder (system property {@value #RUN_DIR_PROPERTY}), each fork
 * also appends every measured iteration's histogram to
 * {@code histograms/<benchmark>-transport=…-payload=…-placement=…-wait=…-fork<k>.hlog} in HdrHistogram's
 * log format (nanoseconds), which HdrHistogram's own tools re-plot and merge.
 *
 * <p>Warm-up iterations are recorded too, then dropped at the next iteration's start, so a
 * measured iteration's histogram holds its own round trips only.
 */
public final class LatencyProfiler implements InternalProfiler {
    public static final String RUN_DIR_PROPERTY = "ipcbench.run.dir";
    public static final String PREFIX = "rtt.";
    /** Percentiles reported, with their metric names. */
    public static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String[] NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private HistogramLogWriter log;
    private RoundTripLatency logged;

    @Override
    public String getDescription() {
        return "every round trip's latency in an HdrHistogram: percentiles per iteration, histogram logs (ipc-bench)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        RoundTripLatency latency = RoundTripLatency.latest();
        if (latency != null) {
            latency.recycle(latency.takeInterval()); // drop what earlier iterations left
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        RoundTripLatency latency = RoundTripLatency.latest();
        if (latency == null || iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        Histogram interval = latency.takeInterval();
        try {
            if (interval.getTotalCount() == 0) {
                return List.of();
            }
            writeToLog(benchmarkParams, latency, interval);
            double perUnit = TimeUnit.MICROSECONDS.toNanos(1);
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < PERCENTILES.length; i++) {
                results.add(new ScalarResult(PREFIX + NAMES[i], interval.getValueAtPercentile(PERCENTILES[i]) / perUnit, "us",
                        AggregationPolicy.AVG));
            }
            results.add(new ScalarResult(PREFIX + "max", interval.getMaxValue() / perUnit, "us", AggregationPolicy.MAX));
            results.add(new ScalarResult(PREFIX + "count", interval.getTotalCount(), "ops", AggregationPolicy.SUM));
            return results;
        } finally {
            latency.recycle(interval);
        }
    }

    private void writeToLog(BenchmarkParams params, RoundTripLatency latency, Histogram interval) {
        String runDir = System.getProperty(RUN_DIR_PROPERTY);
        if (runDir == null || runDir.isBlank()) {
            return;
        }
        try {
            if (log == null || logged != latency) {
                log = openLog(Path.of(runDir, "histograms"), logName(params), interval.getStartTimeStamp());
                logged = latency;
            }
            log.outputIntervalHistogram(interval);
        } catch (IOException e) {
            // the percentiles still reach jmh.json; a missing log is said once, not fatal to the run
            System.err.println("ipc-bench: cannot write the latency histogram log in " + runDir + ": " + e.getMessage());
            log = null;
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

    /** Forks of one trial run one after another: each takes the next free number. */
    private static HistogramLogWriter openLog(Path dir, String name, long startMillis) throws IOException {
        Files.createDirectories(dir);
        for (int fork = 1; ; fork++) {
            Path file = dir.resolve(name + "-fork" + fork + ".hlog");
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            HistogramLogWriter writer = new HistogramLogWriter(new PrintStream(new FileOutputStream(file.toFile()), true,
                    StandardCharsets.UTF_8));
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMillis);
            writer.setBaseTime(startMillis);
            writer.outputLegend();
            return writer;
        }
    }
}
