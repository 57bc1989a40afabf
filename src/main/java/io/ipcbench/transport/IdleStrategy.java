package io.ipcbench.transport;

import java.io.IOException;

import io.ipcbench.core.WaitMode;

/**
 * What a side does after a poll found nothing to do (no data, no room): the one spin loop of the
 * suite, in the shape of Agrona's {@code IdleStrategy}, with the wait axis mapped onto it
 * ({@link #forWait}):
 *
 * <ul>
 *   <li>{@code spin}: {@link BusySpin}, one {@link Thread#onSpinWait()} per empty poll, never sleeps
 *       ({@code shm-spin}, the library rings, and every polled mechanism under {@code wait=spin});
 *   <li>{@code backoff}: {@link Backoff}, spins so for the mode's {@link WaitMode#spinNanos()}, then
 *       says to sleep: the caller sleeps in the kernel as {@code wait=block} would (Agrona's park
 *       step; only the mechanism knows its sleep) and polls again when woken;
 *   <li>{@code block}: none: the calls themselves wait in the kernel.
 * </ul>
 *
 * <p>A spinning side does not learn by itself that the other process is stopped rather than dead (a
 * dead one ends most calls with EOF, EPIPE or EIDRM), so its {@link Liveness} ends the wait; it is
 * read every 2^16 spins, which costs nothing measurable, and before every sleep. Nothing here
 * allocates.
 */
public abstract sealed class IdleStrategy permits IdleStrategy.BusySpin, IdleStrategy.Backoff {
    private static final int CHECK_EVERY = 0xffff;
    final Liveness liveness;
    private int spins;

    private IdleStrategy(Liveness liveness) {
        this.liveness = liveness;
    }

    /** {@code spin}: a {@link BusySpin}; {@code backoff}: a {@link Backoff}; {@code block}: null, as nothing polls. */
    public static IdleStrategy forWait(WaitMode wait, Liveness liveness) {
        return switch (wait.kind()) {
            case SPIN -> new BusySpin(liveness);
            case BACKOFF -> new Backoff(wait.spinNanos(), liveness);
            case BLOCK -> null;
        };
    }

    /**
     * A poll found nothing to do: true once this wait has spun for its time (the caller sleeps in
     * the kernel now, then polls again), else spins once and returns false (poll again now).
     *
     * @throws IOException once the other side is marked gone ({@link Liveness})
     */
    public abstract boolean shouldSleep() throws IOException;

    /** The wait is over (a poll made progress): the next one spins for its own whole phase. */
    public void reset() {
    }

    /** Marks the other side gone ({@link Liveness#markGone()}): the next check (within 2^16 spins, or before a sleep) ends the wait. */
    public final void peerGone() {
        liveness.markGone();
    }

    /** One turn of a spin: the only place the suite spins. */
    final void spin() throws IOException {
        Thread.onSpinWait();
        if ((++spins & CHECK_EVERY) == 0) {
            liveness.check();
        }
    }

    /** Never sleeps: {@code wait=spin}, and the mechanisms that can only spin. */
    public static final class BusySpin extends IdleStrategy {
        public BusySpin(Liveness liveness) {
            super(liveness);
        }

        /** One turn of a wait that never sleeps: the caller polled and found nothing. */
        public void idle() throws IOException {
            spin();
        }

        @Override
        public boolean shouldSleep() throws IOException {
            spin();
            return false;
        }
    }

    /** Spins for a bounded time, then sleeps: {@code wait=backoff}. */
    public static final class Backoff extends IdleStrategy {
        private final long spinNanos;
        private long sleepFrom;

        public Backoff(long spinNanos, Liveness liveness) {
            super(liveness);
            this.spinNanos = spinNanos;
        }

        @Override
        public boolean shouldSleep() throws IOException {
            long now = System.nanoTime();
            if (sleepFrom == 0) {
                sleepFrom = now + spinNanos; // the wait's first miss
            }
            if (now - sleepFrom < 0) {
                spin();
                return false;
            }
            liveness.check(); // a sleep ends within a slice: look at the flag before every one
            return true;
        }

        @Override
        public void reset() {
            sleepFrom = 0;
        }
    }
}
