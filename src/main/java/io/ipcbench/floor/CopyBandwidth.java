package io.ipcbench.floor;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;

import io.ipcbench.nativeio.NativeMemory;

/**
 * Single-thread copy bandwidth on one CPU: off-heap to off-heap with the call the shm ring makes
 * for every message (Chronicle Bytes {@code nativeWrite}), so it is the floor under a large
 * message's copy — not glibc's memcpy, which can be faster. Copies are timed in batches of about
 * {@link #BYTES_PER_BATCH} bytes; 1 GB/s is 10^9 bytes a second.
 */
final class CopyBandwidth {
    static final long BYTES_PER_BATCH = 4L << 20;
    static final int BATCHES = 100;

    private CopyBandwidth() {
    }

    /** The median GB/s copying {@code size} bytes at a time on {@code cpu}, within {@code budgetNanos}. */
    static double medianGBps(int cpu, int size, long budgetNanos) {
        long deadline = System.nanoTime() + budgetNanos;
        PinnedThread<Double> copier = PinnedThread.start("copier", cpu, () -> {
            try (NativeMemory source = new NativeMemory(size); NativeMemory target = new NativeMemory(size)) {
                PointerBytesStore to = BytesStore.wrap(target.address(), size);
                return Repeats.medianOfMedians("copy of " + size + " bytes", BATCHES, deadline,
                        (samples, until) -> copy(source.address(), to, size, samples, until));
            }
        }, () -> { });
        return copier.await(deadline + Floor.GRACE_NANOS);
    }

    private static int copy(long source, PointerBytesStore target, int size, double[] samples, long deadline) {
        int copies = (int) Math.max(1, BYTES_PER_BATCH / size);
        for (int batch = 0; batch < samples.length; batch++) {
            long start = System.nanoTime();
            for (int i = 0; i < copies; i++) {
                target.nativeWrite(source, 0, size);
            }
            long end = System.nanoTime();
            samples[batch] = (double) copies * size / Math.max(1, end - start); // bytes per ns = GB/s
            if (end - deadline > 0) {
                return batch + 1;
            }
        }
        return samples.length;
    }
}
