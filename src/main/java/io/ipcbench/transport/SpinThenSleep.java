package io.ipcbench.transport;

import java.io.IOException;

import io.ipcbench.core.WaitMode;

/**
 * The polling half of {@code wait=spin} and {@code wait=backoff}, written once for every transport
 * whose calls can be made non-blocking (descriptors, message queues, semaphores): after a call that
 * found nothing to do, {@link #shouldSleep()} spins once more ({@link Thread#onSpinWait()}) and says
 * to poll again, until the wait has polled for the mode's {@link WaitMode#spinNanos()} (never, for
 * spin); then the caller sleeps in the kernel as {@code wait=block} would, and polls again when woken.
 *
 * <p>A spinning side does not learn by itself that the other process is stopped rather than dead
 * (a dead one ends the calls with EOF, EPIPE or EIDRM), so {@link #peerGone()} ends the wait; the
 * flag is read every 2^16 polls, which costs nothing measurable. Nothing here allocates.
 */
public final class SpinThenSleep {
    private static final int CHECK_EVERY = 0xffff;
    /** spin: never sleeps, so never reads the clock. */
    private final boolean spinsForever;
    private final long spinNanos;
    private final String transport;
    private volatile boolean gone;
    private long sleepFrom;
    private int polls;

    public SpinThenSleep(WaitMode mode, String transport) {
        this.spinsForever = mode.kind() == WaitMode.Kind.SPIN;
        this.spinNanos = mode.spinNanos();
        this.transport = transport;
    }

    /** The wait is over (the call made progress): the next one polls for its own whole spin phase. */
    public void reset() {
        sleepFrom = 0;
    }

    /**
     * A non-blocking call found nothing to do: true once this wait has spun for its time (the caller
     * sleeps in the kernel now, then calls again), else spins once and returns false (call again now).
     *
     * @throws IOException once {@link #peerGone()} has been called
     */
    public boolean shouldSleep() throws IOException {
        if ((++polls & CHECK_EVERY) == 0 && gone) {
            throw new IOException(transport + ": the other side is gone");
        }
        if (spinsForever) {
            Thread.onSpinWait();
            return false;
        }
        long now = System.nanoTime();
        if (sleepFrom == 0) {
            sleepFrom = now + spinNanos; // the wait's first miss
        }
        if (now - sleepFrom < 0) {
            Thread.onSpinWait();
            return false;
        }
        if (gone) { // a sleep ends within a slice: look at the flag before every one
            throw new IOException(transport + ": the other side is gone");
        }
        return true;
    }

    /** Thread-safe, idempotent: the next check (within 2^16 polls) ends the wait. */
    public void peerGone() {
        gone = true;
    }
}
