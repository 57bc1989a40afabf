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
 * CPU cost as a first-class result: CPU time of the whole initiator process (the JMH fork) and of
 * the whole peer process during an iteration, divided by the messages moved (a round trip moves two). Spin
 * shows its full core here; blocking transports show what their wake-ups cost. Reported as JMH
 * secondary metrics {@code cpu.initiator.ns/msg} and {@code cpu.peer.ns/msg}, and as the share of
 * one CPU each side kept busy, {@code cpu.initiator.util} and {@code cpu.peer.util} (1.0 = a whole core).
 *
 * <p>The readings are the trial's record's ({@link TrialRecord}): each process's CPU-time clock
 * (all its threads, in ns), so what a mechanism makes either side's JVM do (a spinning thread, a
 * signal, JIT or GC work it causes) counts alike; in a measured iteration JMH's own threads of the
 * fork are idle. JMH runs a trial's tear-down inside its last measured iteration, before profilers
 * read it, so the record freezes the readings as the tear-down begins: the last iteration's window
 * ends where its operations ended.
 */
public final class CpuCostProfiler implements InternalProfiler {
    public static final String INITIATOR = "cpu.initiator.ns/msg";
    public static final String PEER = "cpu.peer.ns/msg";
    public static final String INITIATOR_UTILIZATION = "cpu.initiator.util";
    public static final String PEER_UTILIZATION = "cpu.peer.util";

    private TrialRecord trial;
    private long initiatorStart;
    private long peerStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "CPU ns per message of the initiator and the peer process (ipc-bench)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        TrialRecord latest = TrialRecord.latest();
        // the first iteration starts its trial (JMH runs the set-up inside it): read from the trial's start then
        trial = latest == null || latest.ended() ? null : latest;
        if (trial != null) {
            initiatorStart = trial.initiatorNanos();
            peerStart = trial.peerNanos();
            wallStart = trial.wallNanos();
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        try {
            return cost(result);
        } finally {
            TrialRecord.releaseEnded();
        }
    }

    private Collection<? extends Result> cost(IterationResult result) {
        TrialRecord measured = trial;
        if (measured == null) {
            measured = TrialRecord.latest();
            if (measured == null) {
                return List.of();
            }
            initiatorStart = measured.initiatorNanosAtStart();
            peerStart = measured.peerNanosAtStart();
            wallStart = measured.wallNanosAtStart();
        }
        // a trial's tear-down runs inside its last iteration: its readings were frozen as it began
        long initiator = measured.initiatorNanos() - initiatorStart;
        long peer = measured.peerNanos() - peerStart;
        double wall = measured.wallNanos() - wallStart;
        double messages = (double) result.getMetadata().getMeasuredOps() * measured.messagesPerOp();
        if (messages <= 0 || wall <= 0 || initiatorStart < 0 || peerStart < 0 || initiator < 0 || peer < 0) {
            return List.of();
        }
        return List.of(new ScalarResult(INITIATOR, initiator / messages, "ns/msg", AggregationPolicy.AVG),
                new ScalarResult(PEER, peer / messages, "ns/msg", AggregationPolicy.AVG),
                new ScalarResult(INITIATOR_UTILIZATION, initiator / wall, "cpus", AggregationPolicy.AVG),
                new ScalarResult(PEER_UTILIZATION, peer / wall, "cpus", AggregationPolicy.AVG));
    }
}
