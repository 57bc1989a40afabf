package io.ipcbench.library;

import java.io.IOException;

/**
 * How the library transports wait: busy-spin with {@link Thread#onSpinWait()}, as {@code shm-spin}
 * does (the suite has no wait axis yet, and spinning is what these libraries are picked for). A
 * spinning side never learns by itself that the other process died, so {@link #peerGone()} ends the
 * wait; the flag is read every 2^16 spins, which costs nothing measurable.
 */
final class BusySpin {
    private static final int CHECK_EVERY = 0xffff;
    private final String transport;
    private volatile boolean gone;
    private int spins;

    BusySpin(String transport) {
        this.transport = transport;
    }

    /** One turn of a wait: the caller polled and found nothing. */
    void idle() throws IOException {
        Thread.onSpinWait();
        if ((++spins & CHECK_EVERY) == 0 && gone) {
            throw new IOException(transport + ": the other side is gone");
        }
    }

    /** Thread-safe, idempotent: the next check ends the wait. */
    void peerGone() {
        gone = true;
    }
}
