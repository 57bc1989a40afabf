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
