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
 * CPU cost as a first-class result: CPU time of the initiator's measuring thread and of the whole
 * peer process during an iteration, divided by the messages moved (a round trip moves two). Spin
 * shows its full core here; blocking transports show what their wake-ups cost. Reported as JMH
 * secondary metrics {@code cpu.initiator.ns/msg} and {@code cpu.peer.ns/msg}, and as the share of
 * one CPU each side kept busy, {@code cpu.initiator.util} and {@code cpu.peer.util} (1.0 = a whole core).
 */
public final class CpuCostProfiler implements InternalProfiler {
    public static final String INITIATOR = "cpu.initiator.ns/msg";
    public static final String PEER = "cpu.peer.ns/msg";
    public static final String INITIATOR_UTILIZATION = "cpu.initiator.util";
    public static final String PEER_UTILIZATION = "cpu.peer.util";

    private TrialCpu trial;
    private long initiatorStart;
    private long peerStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "CPU ns per message of the measuring thread and of the peer process (ipc-bench)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        trial = TrialCpu.current();
        if (trial != null) {
            initiatorStart = trial.initiatorNanos();
            peerStart = trial.peerNanos();
            wallStart = System.nanoTime();
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        // the first iteration starts the trial, so it has no "before"; a trial that changed has no common base
        if (trial == null || trial != TrialCpu.current() || initiatorStart < 0 || peerStart < 0) {
            return List.of();
        }
        long initiator = trial.initiatorNanos() - initiatorStart;
        long peer = trial.peerNanos() - peerStart;
        double wall = System.nanoTime() - wallStart;
        double messages = (double) result.getMetadata().getMeasuredOps() * trial.messagesPerOp();
        if (messages <= 0 || initiator < 0 || peer < 0) {
            return List.of();
        }
        return List.of(new ScalarResult(INITIATOR, initiator / messages, "ns/msg", AggregationPolicy.AVG),
                new ScalarResult(PEER, peer / messages, "ns/msg", AggregationPolicy.AVG),
                new ScalarResult(INITIATOR_UTILIZATION, initiator / wall, "cpus", AggregationPolicy.AVG),
                new ScalarResult(PEER_UTILIZATION, peer / wall, "cpus", AggregationPolicy.AVG));
    }
}
