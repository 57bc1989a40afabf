package io.ipcbench.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

import org.apache.commons.math3.stat.StatUtils;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.LoadDirection;

/**
 * One JMH result (benchmark × params × mode) in the form the reports need: the score, its values
 * per fork and per iteration, round-trip percentiles, and secondary metrics.
 *
 * @param benchmark the method, shortened to {@code Class.method}
 * @param forks per fork, its per-iteration scores; for sample-time, each iteration's median
 * @param forkScores per fork, its score as the mode defines it: for average time total time ÷
 *        operations (iterations weighted by their round-trip counts), for sample time the mean of its
 *        samples, for throughput the mean of its iterations
 * @param latency round-trip percentiles with their sample counts; null for rows that have none
 * @param oneWay one-way percentiles (µs, median over forks with its interval, as {@code latency}) of
 *        a stream row or a one-way load row, from its {@code …-fork<k>.oneway.hlog} logs or its
 *        {@code oneway.*} metrics; null for rows that have none (round trips, older result sets, a
 *        run whose clock source could not time one way)
 */
public record ResultRow(String benchmark, String mode, SortedMap<String, String> params, String unit, double score,
        List<List<Double>> forks, List<Double> forkScores, Map<String, Metric> secondary, Latency latency, Latency oneWay) {

    /** A secondary metric: its score, unit and per-iteration values of each fork. */
    public record Metric(double score, String unit, List<List<Double>> forks) {
        public List<Double> iterations() {
            return flatten(forks);
        }

        /** Each fork's mean; NaN for a fork without values. */
        public List<Double> perFork() {
            return forks.stream().map(fork -> Latency.weightedMean(fork, List.of())).toList();
        }

        /** The median over forks of each fork's mean, with its interval; the score alone if there is no raw data. */
        public ForkEstimate estimate() {
            return ForkEstimate.of(forks.isEmpty() ? List.of(score) : perFork());
        }
    }

    /** Identity across result sets: benchmark, every param, mode. */
    public String key() {
        return key(benchmark, paramsText(), mode);
    }

    /** A row's identity from its parts, as every report and noise file knows it (scripts/ab's rows too). */
    public static String key(String benchmark, String paramsText, String mode) {
        return benchmark + " " + paramsText + " " + mode;
    }

    /** The row without its mode, as warnings name it: "RoundTripBenchmark.roundTrip payload=64 transport=pipe". */
    public String name() {
        return benchmark + " " + paramsText();
    }

    public String paramsText() {
        return paramsText(params);
    }

    /** "payload=64 transport=pipe", in the map's order. */
    public static String paramsText(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /**
     * The transport as tables and charts name it: with its {@code wait} when it did not wait by
     * design, its {@code capacity} when it was not the mechanism's own and a load row's
     * {@code direction} when it was one way (a row's params keep them only then), e.g.
     * {@code pipe wait=spin capacity=65536}.
     */
    public String transportLabel() {
        String wait = param(Benchmarks.WAIT);
        String capacity = param(Benchmarks.CAPACITY);
        String direction = param(Benchmarks.DIRECTION);
        return param(Benchmarks.TRANSPORT) + (wait.isEmpty() ? "" : " wait=" + wait) + (capacity.isEmpty() ? "" : " capacity=" + capacity)
                + (direction.isEmpty() ? "" : " direction=" + direction);
    }

    public List<Double> iterations() {
        return flatten(forks);
    }

    public int forkCount() {
        return forkScores.size();
    }

    /** The median over forks of the per-fork score, with its 95 % interval when there are enough forks. */
    public ForkEstimate estimate() {
        return ForkEstimate.of(forkScores);
    }

    /**
     * The values a comparison treats as independent samples: the per-fork scores, or (for result
     * sets with one fork, where that is all there is) the per-iteration scores, or the score alone.
     */
    public double[] samples(boolean byFork) {
        List<Double> values = byFork ? forkScores : iterations();
        return values.isEmpty() ? new double[] {score} : values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** True when a comparison of this row can use forks as its samples. */
    public boolean hasForkSamples() {
        return forkCount() >= 2;
    }

    /** The row's typical score: the median of {@link #samples} (over forks when there are several). */
    public double center() {
        return StatUtils.percentile(samples(hasForkSamples()), 50);
    }

    public boolean isRoundTrip() {
        return Benchmarks.ROUND_TRIP.is(benchmark);
    }

    public boolean isStream() {
        return Benchmarks.STREAM.is(benchmark);
    }

    /** A row of the load benchmark: round trips (or one-way messages) at an offered rate. */
    public boolean isLoad() {
        return Benchmarks.LOAD.is(benchmark);
    }

    /**
     * What a load row's messages were: {@code ROUNDTRIP} (also every load row from before the
     * {@code direction} param, whose identity drops it) or {@code ONEWAY}; null for other rows and
     * for a value this version cannot read.
     */
    public LoadDirection direction() {
        if (!isLoad()) {
            return null;
        }
        String direction = param(Benchmarks.DIRECTION);
        try {
            return direction.isEmpty() ? LoadDirection.ROUNDTRIP : LoadDirection.parse(direction);
        } catch (BadInput unreadable) {
            return null;
        }
    }

    /**
     * The row's latency as the report shows it against the rate: one-way percentiles for a one-way
     * load row, round trips for every other; null when it has none.
     */
    public Latency loadLatency() {
        return direction() == LoadDirection.ONEWAY ? oneWay : latency;
    }

    static List<Double> flatten(List<List<Double>> forks) {
        return forks.stream().flatMap(List::stream).toList();
    }

    /**
     * Which way a score moves when the code gets slower, from the JMH mode, never from the unit's
     * spelling: a rate may be printed as "ops/s", "msgs/ms" or a custom unit, but JMH's mode says what
     * the score is. Throughput counts operations per unit of time (a smaller score is slower); the time
     * modes — average, sample, single shot — measure time per operation (a larger score is slower).
     */
    public static final class Direction {
        /** JMH's short label of Mode.Throughput, as in jmh.json and BenchmarkList. */
        public static final String THROUGHPUT = "thrpt";

        private Direction() {
        }

        /** True when a larger score means slower code (every mode but throughput). */
        public static boolean higherIsSlower(String mode) {
            return !THROUGHPUT.equals(mode);
        }

        /**
         * log(candidate / baseline), oriented so that a positive value means the candidate is slower:
         * for throughput the sign is turned, so 0.7× the messages per second reads as log(1/0.7).
         */
        public static double slowdownLog(String mode, double baseline, double candidate) {
            double log = Math.log(candidate / baseline);
            return higherIsSlower(mode) ? log : -log;
        }
    }
}
