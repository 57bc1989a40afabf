package io.ipcbench.floor;

import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicBoolean;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;

import io.ipcbench.nativeio.NativeMemory;

/**
 * The cache-line round trip between two CPUs, as core-to-core latency tools measure it: a thread on
 * each CPU, one 64-byte line of off-heap memory between them; the initiator writes an odd number,
 * the responder answers with the next even one, the initiator waits for it. Nothing sleeps and no
 * kernel is involved, so this is the floor of every cross-CPU exchange — on a VM it moves when
 * the host moves the vCPUs (731 ns one minute, 191 ns a few minutes later on the same guest).
 * Round trips are timed in batches of {@link #ROUND_TRIPS_PER_BATCH}: a clock read per round trip
 * would be a noticeable part of one. The memory access is Chronicle Bytes', as in the shm ring.
 */
final class CacheLineRoundTrip {
    private static final int LINE = 64;
    static final int ROUND_TRIPS_PER_BATCH = 100;
    /** 1,000 batches: 100k round trips a repeat. */
    static final int BATCHES = 1_000;
    /** The initiator writes it when done: the responder stops. Even, so never taken for a ping. */
    private static final long STOP = -2;
    /** How often a spinning side looks at the clock: rarely enough to cost nothing. */
    private static final int SPINS_PER_CLOCK_READ = 1 << 16;

    private final PointerBytesStore line;
    private final long deadline;
    private final long lastResort;
    private final AtomicBoolean responderGone = new AtomicBoolean();

    private CacheLineRoundTrip(PointerBytesStore line, long deadline) {
        this.line = line;
        this.deadline = deadline;
        this.lastResort = deadline + Floor.GRACE_NANOS;
    }

    /**
     * The round trip in ns between {@code initiatorCpu} and {@code responderCpu}, within {@code budgetNanos}: the lowest
     * median of its repeats ({@link Repeats#lowestMedian}), since the JIT can only slow this probe.
     */
    static double medianNanos(int initiatorCpu, int responderCpu, long budgetNanos) {
        NativeMemory memory = new NativeMemory(4L * LINE);
        // a line in the middle of a block of our own: nothing else writes to it or to the lines beside it
        PointerBytesStore line = BytesStore.wrap(((memory.address() + LINE - 1) & -LINE) + LINE, LINE);
        line.singleThreadedCheckDisabled(true); // two threads share it, by design
        line.writeVolatileLong(0, 0);
        CacheLineRoundTrip probe = new CacheLineRoundTrip(line, System.nanoTime() + budgetNanos);
        PinnedThread<Void> responder = PinnedThread.start("cache-line responder", responderCpu, probe::respond, () -> {
            probe.responderGone.set(true);
            Reference.reachabilityFence(memory); // the line is freed only after both threads end
        });
        PinnedThread<Double> initiator = PinnedThread.start("cache-line initiator", initiatorCpu,
                () -> Repeats.lowestMedian("cache-line round trip", BATCHES, probe.deadline, probe::ping), probe::stop);
        return PinnedThread.awaitBoth(initiator, responder, probe.lastResort, memory::close);
    }

    /** One repeat: round-trip batches until the samples are full or the deadline passes; a batch cut short does not count. */
    private int ping(double[] samples, long until) {
        long value = line.readVolatileLong(0);
        for (int batch = 0; batch < samples.length; batch++) {
            long start = System.nanoTime();
            for (int i = 0; i < ROUND_TRIPS_PER_BATCH; i++) {
                line.writeOrderedLong(0, ++value);
                ++value;
                for (int spins = 1; line.readVolatileLong(0) != value; spins++) {
                    if (spins % SPINS_PER_CLOCK_READ == 0 && (System.nanoTime() - until > 0 || responderGone.get())) {
                        return batch; // the responder is not being scheduled, or has failed
                    }
                }
            }
            long end = System.nanoTime();
            samples[batch] = (end - start) / (double) ROUND_TRIPS_PER_BATCH;
            if (end - until > 0) {
                return batch + 1;
            }
        }
        return samples.length;
    }

    /**
     * The initiator's last act: waits for the answer to a ping still in flight, so that the
     * responder's write cannot land after it, then writes {@link #STOP}.
     */
    private void stop() {
        for (int spins = 1; (line.readVolatileLong(0) & 1) == 1; spins++) {
            if (spins % SPINS_PER_CLOCK_READ == 0 && (System.nanoTime() - lastResort > 0 || responderGone.get())) {
                break;
            }
        }
        line.writeVolatileLong(0, STOP);
    }

    /** Answers every ping until the initiator writes {@link #STOP} (or, should it never, until the last resort). */
    private Void respond() {
        long answered = 0;
        for (int spins = 1;; spins++) {
            long value = line.readVolatileLong(0);
            if (value == STOP) {
                return null;
            }
            if (value != answered && (value & 1) == 1) {
                answered = value + 1;
                line.writeOrderedLong(0, answered);
            } else if (spins % SPINS_PER_CLOCK_READ == 0 && System.nanoTime() - lastResort > 0) {
                return null;
            }
        }
    }
}
