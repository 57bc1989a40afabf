package io.ipcbench.floor;

import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicBoolean;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;

import io.ipcbench.nativeio.NativeMemory;

/**
 * Streaming between the two CPUs: a writer on one copies 64 KiB messages into a ring of
 * {@link #SLOTS} slots (4 MiB) and publishes a counter, a reader on the other copies each message out and
 * publishes its own counter; neither sleeps. Unlike the cache-line round trip, which keeps one line
 * in flight, this keeps many: it is the floor under a shared-memory stream of large messages, and
 * it moves with the host's placement of the two vCPUs in a way one line does not (three quick runs
 * of the same code streamed 64 KiB over shared memory at 824 k and at 123–151 k messages/s while
 * the cache-line round trip stayed at 79–92 ns: results/README.md). The copies are Chronicle
 * Bytes' {@code nativeWrite}, as in the shm ring; 1 GB/s is 10^9 bytes a second.
 */
final class CrossCpuStream {
    static final int MESSAGE = 64 << 10;
    /** As the shm ring lays out 64 KiB messages (SegmentLayout: 4 MiB a ring): the same working set. */
    static final int SLOTS = 64;
    /** Messages timed together: 1 MiB a batch. */
    static final int MESSAGES_PER_BATCH = 16;
    static final int BATCHES = 200;
    private static final int LINE = 64;
    /** The writer publishes it when done: the reader stops. */
    private static final long STOP = -1;
    /** How often a spinning side looks at the clock: rarely enough to cost nothing. */
    private static final int SPINS_PER_CLOCK_READ = 1 << 12;

    /** The writer's count of messages published, and the reader's of messages taken: one cache line each. */
    private final PointerBytesStore published;
    private final PointerBytesStore consumed;
    private final long slots;
    /** The writer's view of each slot, made once: nothing is allocated while timing. */
    private final PointerBytesStore[] slotStores = new PointerBytesStore[SLOTS];
    /** Set once the probe is made, before its threads start (see {@link #medianGBps}). */
    private long lastResort;
    private final AtomicBoolean readerGone = new AtomicBoolean();
    private long sent;

    private CrossCpuStream(long base) {
        this.published = counter(base);
        this.consumed = counter(base + 2 * LINE);
        this.slots = base + 4 * LINE;
        for (int i = 0; i < SLOTS; i++) {
            slotStores[i] = BytesStore.wrap(slot(i), MESSAGE);
            slotStores[i].singleThreadedCheckDisabled(true); // made here, written by the writer's thread
        }
    }

    private static PointerBytesStore counter(long address) {
        PointerBytesStore line = BytesStore.wrap(address, LINE);
        line.singleThreadedCheckDisabled(true); // two threads share it, by design
        line.writeVolatileLong(0, 0);
        return line;
    }

    /**
     * Loads and initialises what the probe uses (Chronicle Bytes' classes above all: ~150 ms in a JVM that has not used
     * them yet), so that a later probe spends its budget streaming.
     */
    static void loadClasses() {
        try (NativeMemory memory = new NativeMemory(2L * LINE)) {
            counter((memory.address() + LINE - 1) & -LINE).readVolatileLong(0);
        }
    }

    /** The median GB/s from {@code writerCpu} to {@code readerCpu}, within {@code budgetNanos}. */
    static double medianGBps(int writerCpu, int readerCpu, long budgetNanos) {
        NativeMemory memory = new NativeMemory(4L * LINE + (long) SLOTS * MESSAGE + LINE);
        long base = (memory.address() + LINE - 1) & -LINE; // counters on lines of their own, slots line-aligned
        // the clock starts once the probe is made: in a JVM that has not used Chronicle Bytes yet, making it loads and
        // initialises Chronicle's classes, which took most of a 150 ms budget in a fork of a pipe trial
        CrossCpuStream probe = new CrossCpuStream(base);
        long deadline = System.nanoTime() + budgetNanos;
        probe.lastResort = deadline + Floor.GRACE_NANOS;
        PinnedThread<Void> reader = PinnedThread.start("stream reader", readerCpu, probe::read, () -> {
            probe.readerGone.set(true);
            Reference.reachabilityFence(memory); // the ring is freed only after both threads end
        });
        PinnedThread<Double> writer = PinnedThread.start("stream writer", writerCpu, () -> {
            try (NativeMemory source = new NativeMemory(MESSAGE)) {
                return Repeats.medianOfMedians("cross-CPU stream", BATCHES, deadline,
                        (samples, until) -> probe.write(source.address(), samples, until));
            }
        }, () -> probe.published.writeVolatileLong(0, STOP));
        return PinnedThread.awaitBoth(writer, reader, probe.lastResort, memory::close);
    }

    /** One repeat: batches of messages until the samples are full or the deadline passes; a batch cut short does not count. */
    private int write(long source, double[] samples, long until) {
        for (int batch = 0; batch < samples.length; batch++) {
            long start = System.nanoTime();
            for (int i = 0; i < MESSAGES_PER_BATCH; i++, sent++) {
                for (int spins = 1; sent - consumed.readVolatileLong(0) >= SLOTS; spins++) {
                    if (spins % SPINS_PER_CLOCK_READ == 0 && (System.nanoTime() - until > 0 || readerGone.get())) {
                        return batch; // the reader is not being scheduled, or has failed
                    }
                }
                slotStores[(int) (sent % SLOTS)].nativeWrite(source, 0, MESSAGE);
                published.writeOrderedLong(0, sent + 1);
            }
            long end = System.nanoTime();
            samples[batch] = (double) MESSAGES_PER_BATCH * MESSAGE / Math.max(1, end - start); // bytes per ns = GB/s
            if (end - until > 0) {
                return batch + 1;
            }
        }
        return samples.length;
    }

    /** Takes every message until the writer publishes {@link #STOP} (or, should it never, until the last resort). */
    private Void read() {
        try (NativeMemory target = new NativeMemory(MESSAGE)) {
            PointerBytesStore to = BytesStore.wrap(target.address(), MESSAGE);
            for (long taken = 0, spins = 1;; spins++) {
                long available = published.readVolatileLong(0);
                if (available == STOP) {
                    return null;
                }
                if (available > taken) {
                    to.nativeWrite(slot(taken), 0, MESSAGE);
                    consumed.writeOrderedLong(0, ++taken);
                } else if (spins % SPINS_PER_CLOCK_READ == 0 && System.nanoTime() - lastResort > 0) {
                    return null;
                }
            }
        }
    }

    private long slot(long message) {
        return slots + (message % SLOTS) * MESSAGE;
    }
}
