package io.ipcbench.peer;

import io.ipcbench.core.PeerMode;
import io.ipcbench.nativeio.CpuClock;
import io.ipcbench.transport.Transport;

/**
 * One trial's record: what the trial fills and the suite's profilers read ({@link CpuCostProfiler},
 * {@link LatencyProfiler}, {@link TrialProfiler}). Everything the measurement records into is made
 * here once, when the trial opens, and reused by every iteration, so that no measured iteration
 * allocates (docs/measurement.md, "The trial's record"):
 * <ul>
 * <li>the latency histograms: every round trip's ({@link RoundTripLatency}, recorded by the measuring
 * thread), or in a one-way trial every timed message's ({@link OneWayLatency}, as the peer sends it back);
 * <li>the CPU time of both whole processes ({@link CpuClock}), at the trial's start and, frozen, at its end;
 * <li>the bytes one direction of the channel holds as granted ({@code capacity.bytes}) and both
 * sides' lost wake-ups so far ({@code wakeup.lost}).
 * </ul>
 *
 * <p>One trial runs per JMH fork (and one at a time in any JVM): the last one opened is
 * {@link #latest()}, also after it ended, because JMH runs a trial's tear-down inside its last
 * measured iteration and the profilers read that iteration afterwards. The tear-down only
 * {@linkplain PeerSession#end() ends} the trial (readings frozen, the peer's count checked); the
 * rest — waiting for the peer to exit, closing the channel, removing the trial's objects and files
 * — allocates, and runs after the iteration: the first profiler to read an ended trial releases it
 * ({@link #releaseEnded()}), in JMH's own thread, which {@code -prof gc} does not count and which
 * runs the profilers only once the iteration's operations are over. Where no profiler of the suite
 * runs, the next trial to open in the JVM releases it, or the JVM's exit does.
 */
public final class TrialRecord {
    private static volatile TrialRecord latest;

    private final PeerSession session;
    private final RoundTripLatency roundTrips;
    private final OneWayLatency oneWay;
    private final int messagesPerOp;
    private final CpuClock initiatorClock = CpuClock.ofThisProcess();
    private final CpuClock peerClock;
    private final long initiatorNanosAtStart;
    private final long peerNanosAtStart;
    private final long wallNanosAtStart;
    /** Where lost wake-ups are read while the trial runs; null before it connects and once it ended. */
    private volatile Transport channel;
    private volatile long capacityBytes = -1;
    private volatile long lostWakeUps = -1;
    private long initiatorNanosAtEnd;
    private long peerNanosAtEnd;
    private long wallNanosAtEnd;
    /** Written after the readings above, so a reader that sees it true sees them. */
    private volatile boolean ended;

    /** The record of a trial that starts now, in {@code mode}, against the peer {@code peerPid}. */
    TrialRecord(PeerSession session, PeerMode mode, long peerPid) {
        this.session = session;
        boolean recording = RoundTripLatency.enabled();
        this.roundTrips = mode == PeerMode.ECHO && recording ? new RoundTripLatency() : null;
        this.oneWay = mode == PeerMode.SINK && recording ? new OneWayLatency() : null;
        this.messagesPerOp = mode == PeerMode.ECHO ? 2 : 1;
        this.peerClock = CpuClock.ofProcess(peerPid);
        this.initiatorNanosAtStart = initiatorClock.nanos();
        this.peerNanosAtStart = peerClock.nanos();
        this.wallNanosAtStart = System.nanoTime();
        latest = this;
    }

    /** The record of the trial this JVM opened last, running or ended; null before the first. */
    static TrialRecord latest() {
        return latest;
    }

    /**
     * Releases the trial this JVM opened last if it has ended and is not yet released (its peer
     * stopped, its channel closed, its objects removed); nothing otherwise. For the profilers, once
     * they have read an iteration, and for the next trial before it opens.
     */
    static void releaseEnded() {
        TrialRecord record = latest;
        if (record != null && record.ended) {
            record.session.release();
        }
    }

    /** The channel is connected: its granted capacity, and its lost wake-ups from now on. */
    void connected(Transport transport) {
        capacityBytes = transport.capacityBytes();
        lostWakeUps = transport.lostWakeUps();
        channel = transport;
    }

    /**
     * The trial's operations are over (its tear-down begins): freezes the readings there, while the
     * peer still runs and the channel is open, so that the last iteration ends where its operations
     * ended. Allocates nothing.
     */
    void end() {
        if (ended) {
            return;
        }
        initiatorNanosAtEnd = initiatorClock.nanos();
        peerNanosAtEnd = peerClock.nanos();
        wallNanosAtEnd = System.nanoTime();
        Transport connected = channel;
        if (connected != null) {
            lostWakeUps = connected.lostWakeUps();
        }
        channel = null; // it will be closed: no reading from it after this
        ended = true;
    }

    /** True once the trial has ended and its readings are frozen. */
    boolean ended() {
        return ended;
    }

    /** Every round trip's latency; null in a one-way trial or with recording off. */
    RoundTripLatency roundTrips() {
        return roundTrips;
    }

    /** Every timed one-way message's latency; null in a round-trip trial or with recording off. */
    OneWayLatency oneWay() {
        return oneWay;
    }

    /** A round trip moves two messages (one each way), a streamed op one. */
    int messagesPerOp() {
        return messagesPerOp;
    }

    /** The bytes one direction of the channel holds as granted, or -1 where its mechanism does not say. */
    long capacityBytes() {
        return capacityBytes;
    }

    /** Both sides' lost wake-ups so far (at the end, once ended), or -1 where nobody sleeps that way. */
    long lostWakeUps() {
        Transport connected = channel;
        return connected != null ? connected.lostWakeUps() : lostWakeUps;
    }

    /** Readings when the trial started: the base of an iteration that began before its trial (JMH runs the set-up inside it). */
    long initiatorNanosAtStart() {
        return initiatorNanosAtStart;
    }

    long peerNanosAtStart() {
        return peerNanosAtStart;
    }

    long wallNanosAtStart() {
        return wallNanosAtStart;
    }

    /** Nanoseconds all threads of the initiator process (the JMH fork) have run, frozen when the trial ended. */
    long initiatorNanos() {
        return ended ? initiatorNanosAtEnd : initiatorClock.nanos();
    }

    /** Nanoseconds all threads of the peer process have run (its spinning, JIT and GC alike), frozen when the trial ended. */
    long peerNanos() {
        return ended ? peerNanosAtEnd : peerClock.nanos();
    }

    /** {@link System#nanoTime()} now, or when the trial ended. */
    long wallNanos() {
        return ended ? wallNanosAtEnd : System.nanoTime();
    }
}
