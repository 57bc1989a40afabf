package io.ipcbench.peer;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.OfferedRate;

/**
 * For the load benchmark (a run with a {@code rate} param; nothing for the others): the rate an
 * iteration achieved, {@code rate.achieved} in messages (round trips) per second, and whether it
 * fell short of the offered rate, {@code saturated}: 1 when it achieved less than
 * {@value #SATURATION_SHARE} of the target, else 0 (aggregated as the maximum, so a row is
 * saturated when any iteration was). A saturated row's latencies are the queueing delay of a
 * backlog that grows for the whole iteration, not the mechanism's latency at that rate. A
 * {@code max} row has no target and is never saturated.
 *
 * <p>The achieved rate is JMH's own throughput score of the iteration (round trips ÷ the iteration's
 * measured time), converted to per second whatever {@code -tu} says.
 */
public final class LoadProfiler implements InternalProfiler {
    public static final String ACHIEVED = "rate.achieved";
    public static final String SATURATED = "saturated";
    /** Below this share of the offered rate a row is saturated: a schedule met within jitter achieves ~100 %. */
    public static final double SATURATION_SHARE = 0.95;

    @Override
    public String getDescription() {
        return "the load benchmark's achieved rate and whether it fell short of the offered one (ipc-bench)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // nothing: JMH times the iteration
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        String rate = benchmarkParams.getParam(Benchmarks.RATE);
        if (rate == null || result.getPrimaryResult() == null) {
            return List.of();
        }
        double achieved = perSecond(result.getPrimaryResult().getScore(), benchmarkParams.getTimeUnit());
        if (Double.isNaN(achieved)) {
            return List.of();
        }
        return List.of(new ScalarResult(ACHIEVED, achieved, "msgs/s", AggregationPolicy.AVG),
                new ScalarResult(SATURATED, saturated(OfferedRate.parse(rate), achieved) ? 1 : 0, "0/1", AggregationPolicy.MAX));
    }

    /** True when a row with a target achieved less than {@value #SATURATION_SHARE} of it. */
    public static boolean saturated(OfferedRate offered, double achieved) {
        return !offered.isMax() && achieved < SATURATION_SHARE * offered.perSecond();
    }

    /** A throughput score (operations per {@code unit}) as operations per second. */
    static double perSecond(double score, TimeUnit unit) {
        return score * TimeUnit.SECONDS.toNanos(1) / unit.toNanos(1);
    }
}
