package io.ipcbench.transport;

import java.io.IOException;

/**
 * Whether the other side of a pair is still there, as this side's waits learn it: the watchdog's
 * thread calls {@link Transport#peerGone()}, which {@linkplain #markGone() marks} it, and every
 * wait that would not notice a dead (or stopped) peer by itself {@linkplain #check() checks} it: a
 * spin every 2^16 turns ({@link IdleStrategy}), a sleep before every slice. One per side, shared by
 * all of that side's waits.
 */
public final class Liveness {
    /**
     * The wait slice: how long a wait sleeps in the kernel at most before it looks again, at what
     * it waits for and at this flag, so that a dead peer ends a wait within a slice although nothing
     * wakes it. Every timed sleep of the transports lasts one.
     */
    public static final long SLICE_NANOS = 200_000_000L;
    /** {@link #SLICE_NANOS} for the calls that take milliseconds (poll(2)). */
    public static final int SLICE_MILLIS = (int) (SLICE_NANOS / 1_000_000);

    private final String transport;
    private volatile boolean gone;

    /** @param transport names the transport in the error that ends a wait */
    public Liveness(String transport) {
        this.transport = transport;
    }

    /** Thread-safe, idempotent: every wait that checks ends at its next check. */
    public void markGone() {
        gone = true;
    }

    public boolean isGone() {
        return gone;
    }

    /** @throws IOException "{@code <transport>}: the other side is gone", once {@link #markGone()} was called */
    public void check() throws IOException {
        if (gone) {
            throw new IOException(transport + ": the other side is gone");
        }
    }
}
