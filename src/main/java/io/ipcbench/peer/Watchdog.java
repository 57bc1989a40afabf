package io.ipcbench.peer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Turns a dead or silent peer into a prompt, clear failure instead of a hang.
 *
 * <p>The measurement loop brackets every operation with {@link #begin()} and {@link #end()}: two
 * opaque increments of one counter (odd while an operation is in flight), no fences, no clock
 * reads, so the hot path pays ~1 ns. A daemon thread samples the counter every
 * {@value #TICK_MILLIS} ms. If the peer has exited it records why and runs {@code onPeerGone} (which
 * wakes waits its death alone does not end). If one operation has been in flight for longer than the
 * silence limit, it kills the peer, which then counts as gone.
 */
final class Watchdog implements AutoCloseable {
    static final long TICK_MILLIS = 50;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Watchdog.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PeerProcess peer;
    private final long silenceLimitMillis;
    private final Runnable onPeerGone;
    private final Thread thread;
    @SuppressWarnings("unused") // accessed through STATE
    private long state;
    private volatile String failure;
    private volatile boolean closed;

    Watchdog(PeerProcess peer, long silenceLimitMillis, Runnable onPeerGone) {
        this.peer = peer;
        this.silenceLimitMillis = silenceLimitMillis;
        this.onPeerGone = onPeerGone;
        this.thread = new Thread(this::watch, "ipc-bench-watchdog-" + peer.pid());
        thread.setDaemon(true);
        thread.start();
    }

    /** An operation that waits for the peer starts. Called only by the measurement thread. */
    void begin() {
        STATE.setOpaque(this, (long) STATE.getOpaque(this) + 1);
    }

    /** That operation ended. */
    void end() {
        STATE.setOpaque(this, (long) STATE.getOpaque(this) + 1);
    }

    /** Why the peer is gone, or null while it is alive and answering. */
    String failure() {
        return failure;
    }

    private void watch() {
        long lastState = -1;
        long unchangedSince = System.nanoTime();
        while (!closed) {
            if (!peer.isAlive()) {
                if (failure == null) {
                    failure = peer.exitDescription();
                }
                onPeerGone.run();
                return;
            }
            long now = System.nanoTime();
            long current = (long) STATE.getOpaque(this);
            if (current != lastState) {
                lastState = current;
                unchangedSince = now;
            } else if ((current & 1) == 1 && (now - unchangedSince) / 1_000_000 >= silenceLimitMillis) {
                failure = "peer (pid " + peer.pid() + ") stopped answering: no reply within " + silenceLimitMillis
                        + " ms, so it was killed";
                peer.kill();
                continue;
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
