package io.ipcbench.peer;

import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Lost wake-ups per measured iteration ({@value #METRIC}): sleeps of either side that ran out
 * although what they waited for had come — 0 unless the "wake only when the other side may sleep"
 * protocol of shm-signal, shm-futex and shm-eventfd is broken, in which case a lost wake-up would
 * otherwise pass for a 200 ms outlier. Only for trials whose transport has such a protocol
 * ({@link io.ipcbench.transport.Transport#lostWakeUps()}); the report shows the total.
 *
 * <p>One trial runs per JMH fork; its session hands the count over here while it is open, and
 * keeps the last reading when it closes (inside the last iteration, before this profiler reads it).
 */
public final class LostWakeUps implements InternalProfiler {
    public static final String METRIC = "wakeup.lost";
    private static volatile LongSupplier source;
    private static volatile long last = -1;
    private long before;

    /** The open trial's count: both sides' lost wake-ups so far, or -1 where nobody sleeps that way. */
    static void attach(LongSupplier count) {
        last = count.getAsLong();
        source = count;
    }

    /** The trial is closing: keep its final count for the iteration that is ending. */
    static void detach() {
        LongSupplier count = source;
        if (count != null) {
            last = count.getAsLong();
            source = null;
        }
    }

    private static long read() {
        LongSupplier count = source;
        if (count != null) {
            last = count.getAsLong();
        }
        return last;
    }

    @Override
    public String getDescription() {
        return "lost wake-ups of the shm ring's announced wake-ups, per iteration (ipc-bench)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = read();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long after = read();
        if (after < 0) {
            return List.of();
        }
        // a fork's first iteration opens the trial (JMH runs the trial's set-up inside it): its count starts at 0
        return List.of(new ScalarResult(METRIC, after - Math.max(before, 0), "count", AggregationPolicy.SUM));
    }
}
