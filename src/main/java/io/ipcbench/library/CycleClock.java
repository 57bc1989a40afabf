package io.ipcbench.library;

import net.openhft.chronicle.core.time.TimeProvider;

/**
 * The writing side's clock of a {@code chronicle-queue} direction: it stands still, so the queue
 * never rolls by the wall clock (a trial across midnight would otherwise roll mid-iteration), and
 * moves one roll cycle at a time when the writer has put {@link #ROLL_BYTES} into the current cycle
 * file. The reader deletes each file it has finished ({@link CycleFiles}), so a stream of 1 MiB
 * messages at gigabytes a second keeps about two files of this size on disk, not its whole history.
 */
final class CycleClock implements TimeProvider {
    static final long ROLL_BYTES = 256L << 20;
    private final long cycleMillis;
    private long cycles;
    private long bytesInCycle;

    CycleClock(long cycleMillis) {
        this.cycleMillis = cycleMillis;
    }

    @Override
    public long currentTimeMillis() {
        return cycles * cycleMillis;
    }

    /** Counts a written message; the next write goes to a new cycle once this one holds enough. */
    void wrote(int bytes) {
        bytesInCycle += bytes;
        if (bytesInCycle >= ROLL_BYTES) {
            bytesInCycle = 0;
            cycles++;
        }
    }
}
