package io.ipcbench.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

import io.ipcbench.core.LoadDirection;
import io.ipcbench.core.OfferedRate;
import io.ipcbench.core.PeerMode;
import io.ipcbench.peer.Schedule;

/**
 * Latency under load: round trips offered at a fixed {@code rate} (messages per second, or
 * {@code max}), each timed from its slot in the schedule, not from when it actually left, so a
 * stall counts against every message that was due during it (no coordinated omission; see
 * {@link Schedule}). The peer echoes each message as in {@link RoundTripBenchmark}; every round
 * trip goes into the HdrHistogram behind {@code rtt.*}.
 *
 * <p>With {@code -p direction=oneway} the messages go one way on the same schedule: each carries
 * its slot as its send stamp, and the peer times it from there to its arrival ({@code oneway.*}).
 * The channel's own buffer is the credit: when the receiver falls behind, the sender's next send
 * waits for room, its later slots pass, and every message due meanwhile counts the wait.
 *
 * <p>The load profiler adds the rate achieved
 * ({@code rate.achieved}) and {@code saturated} (1 when it fell below 95 % of the target: the
 * latencies are then a growing backlog's), and the CPU profiler {@code cpu.*}.
 *
 * <p>Throughput mode, one invocation per scheduled message: JMH's loop runs the schedule for the
 * whole iteration time, its score (messages/s) is the rate achieved, and the CPU profiler's
 * per-message figures divide by the messages actually sent. SingleShot batches would need a batch
 * size worked out from the rate and would time JMH's per-batch bookkeeping into the schedule.
 * The schedule restarts at each iteration: the pause between iterations is not a backlog.
 *
 * <p>Until a slot comes the initiator busy-waits, so at every rate it keeps a whole core busy:
 * {@code cpu.initiator.*} holds the pacing's spin (at low rates, mostly that); the peer's figures
 * are the mechanism's cost at that rate.
 *
 * <p>Only when asked for: the launcher excludes it unless a benchmark regexp selects it or
 * {@code --profile=load} runs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LoadBenchmark extends PairBenchmark {

    /** Messages (round trips) offered per second, or {@code max}: a closed loop, for the ceiling. */
    @Param({"1000", "10000", "50000", "100000", "200000", "500000", OfferedRate.MAX})
    public String rate;

    /** {@code roundtrip} (echoed) or {@code oneway} (timed by the receiver); see core.LoadDirection. */
    @Param({LoadDirection.DEFAULT})
    public String direction = LoadDirection.DEFAULT;

    private Schedule schedule;
    private boolean oneWay;

    @Override
    protected PeerMode peerMode() {
        return LoadDirection.parse(direction).peerMode();
    }

    @Setup(Level.Trial)
    public void parseRate() {
        schedule = new Schedule(OfferedRate.parse(rate));
        oneWay = LoadDirection.parse(direction) == LoadDirection.ONEWAY;
    }

    @Setup(Level.Iteration)
    public void restartSchedule() {
        if (schedule == null) {
            parseRate(); // JMH orders set-ups of one level as it likes
        }
        schedule.restart();
    }

    @Benchmark
    public void load() {
        if (oneWay) {
            exchange.sendFrom(schedule.awaitNextSlot());
        } else {
            exchange.roundTripFrom(schedule.awaitNextSlot());
        }
    }
}
