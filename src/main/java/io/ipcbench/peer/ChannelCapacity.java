package io.ipcbench.peer;

import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The bytes one direction of the trial's channel held ({@value #METRIC}), as the kernel or the ring
 * granted them when the channel was made ({@link io.ipcbench.transport.Transport#capacityBytes()}):
 * what {@code -p capacity=} got, or the mechanism's own default, in every measured iteration so
 * that the report and the fingerprint can say which buffers each row was measured with. Nothing
 * for a mechanism that does not say (the library rings).
 *
 * <p>One trial runs per JMH fork; its session records the figure once the channel is connected.
 */
public final class ChannelCapacity implements InternalProfiler {
    public static final String METRIC = "capacity.bytes";
    private static volatile long granted = -1;

    /** The connected channel's capacity, or -1 where its mechanism does not say. */
    static void record(long bytes) {
        granted = bytes;
    }

    @Override
    public String getDescription() {
        return "bytes one direction of the channel holds, as granted (ipc-bench)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long bytes = granted;
        return bytes < 0 ? List.of() : List.of(new ScalarResult(METRIC, bytes, "B", AggregationPolicy.MAX));
    }
}
