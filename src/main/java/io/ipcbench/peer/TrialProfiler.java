package io.ipcbench.peer;

import java.util.ArrayList;
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
 * The trial's own figures beside the score, per iteration, from its record ({@link TrialRecord})
 * and JMH's result:
 * <ul>
 * <li>{@value #CAPACITY}: the bytes one direction of the channel held, as the kernel or the ring
 * granted them when the channel was made ({@link io.ipcbench.transport.Transport#capacityBytes()}):
 * what {@code -p capacity=} got, or the mechanism's own default, in every measured iteration so that
 * the report and the fingerprint can say which buffers each row was measured with. Nothing for a
 * mechanism that does not say (the library rings).
 * <li>{@value #LOST_WAKE_UPS}: sleeps of either side that ran out although what they waited for had
 * come — 0 unless the "wake only when the other side may sleep" protocol of shm-signal, shm-futex and
 * shm-eventfd is broken, in which case a lost wake-up would otherwise pass for a 200 ms outlier.
 * Only for trials whose transport has such a protocol
 * ({@link io.ipcbench.transport.Transport#lostWakeUps()}); the report shows the total.
 * <li>For the load benchmark (a run with a {@code rate} param; nothing for the others): the rate an
 * iteration achieved, {@value #ACHIEVED} in messages (round trips) per second — JMH's own throughput
 * score of the iteration (round trips ÷ the iteration's measured time), converted to per second
 * whatever {@code -tu} says — and {@value #SATURATED}: 1 when it achieved less than
 * {@value #SATURATION_SHARE} of the offered rate, else 0 (aggregated as the maximum, so a row is
 * saturated when any iteration was). A saturated row's latencies are the queueing delay of a
 * backlog that grows for the whole iteration, not the mechanism's latency at that rate. A
 * {@code max} row has no target and is never saturated.
 * </ul>
 */
public final class TrialProfiler implements InternalProfiler {
    public static final String CAPACITY = "capacity.bytes";
    public static final String LOST_WAKE_UPS = "wakeup.lost";
    public static final String ACHIEVED = "rate.achieved";
    public static final String SATURATED = "saturated";
    /** Below this share of the offered rate a row is saturated: a schedule met within jitter achieves ~100 %. */
    public static final double SATURATION_SHARE = 0.95;

    private TrialRecord before;
    private long lostBefore;

    @Override
    public String getDescription() {
        return "the trial's channel capacity, lost wake-ups and (load benchmark) achieved rate (ipc-bench)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = TrialRecord.latest();
        lostBefore = before == null || before.ended() ? -1 : before.lostWakeUps();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        try {
            List<Result> results = new ArrayList<>();
            TrialRecord record = TrialRecord.latest();
            if (record != null) {
                if (record.capacityBytes() >= 0) {
                    results.add(new ScalarResult(CAPACITY, record.capacityBytes(), "B", AggregationPolicy.MAX));
                }
                long lost = record.lostWakeUps();
                if (lost >= 0) {
                    // a fork's first iteration opens the trial (JMH runs the trial's set-up inside it): its count starts at 0
                    long from = record == before ? Math.max(lostBefore, 0) : 0;
                    results.add(new ScalarResult(LOST_WAKE_UPS, lost - from, "count", AggregationPolicy.SUM));
                }
            }
            addLoad(benchmarkParams, result, results);
            return results;
        } finally {
            TrialRecord.releaseEnded();
        }
    }

    private static void addLoad(BenchmarkParams benchmarkParams, IterationResult result, List<Result> results) {
        String rate = benchmarkParams.getParam(Benchmarks.RATE);
        if (rate == null || result.getPrimaryResult() == null) {
            return;
        }
        double achieved = perSecond(result.getPrimaryResult().getScore(), benchmarkParams.getTimeUnit());
        if (Double.isNaN(achieved)) {
            return;
        }
        results.add(new ScalarResult(ACHIEVED, achieved, "msgs/s", AggregationPolicy.AVG));
        results.add(new ScalarResult(SATURATED, saturated(OfferedRate.parse(rate), achieved) ? 1 : 0, "0/1", AggregationPolicy.MAX));
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
