package io.ipcbench.kernel;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A loopback listener that lets in the one connection presenting the trial's token, and lets no
 * other connection delay it. Any local user can connect to a loopback port: a gate that accepted
 * one connection at a time and waited for its token would let a stranger who connects and stays
 * silent hold the real peer back for a timeout per connection, until the trial failed blaming the
 * peer. So one wait watches the listener and every pending connection together: tokens are read
 * as their bytes arrive, and a connection is dropped as soon as it closes or sends a wrong token, or
 * when its deadline passes. How the waiting and reading are done (NIO or libc) is the
 * {@link LoopbackListener}'s.
 *
 * @param <C> a connection of the listener
 */
final class TokenGate<C> implements AutoCloseable {
    /** Room for a burst of connections between two passes of the wait, so a flood cannot refuse the peer's. */
    static final int BACKLOG = 128;
    /** The peer writes its token right after connecting; a connection silent this long is a stranger. */
    private static final long TOKEN_DEADLINE_MILLIS = 2_000;
    /** At most this many connections wait for their token; beyond it the oldest goes, so a flood cannot exhaust descriptors. */
    static final int MAX_PENDING = 64;

    private final LoopbackListener<C> listener;
    private final byte[] token;
    private volatile boolean aborted;

    TokenGate(LoopbackListener<C> listener, byte[] token) {
        this.listener = listener;
        this.token = token.clone();
    }

    int port() {
        return listener.port();
    }

    /**
     * Blocks until a connection has presented the token, and returns it in blocking mode; every
     * other connection accepted meanwhile is closed.
     *
     * @throws IOException if {@link #abort()} ended the wait first
     */
    C admit() throws IOException {
        Deque<Candidate<C>> pending = new ArrayDeque<>(); // in order of arrival, so of deadline too
        C admitted = null;
        try {
            while (admitted == null) {
                listener.await(connections(pending), millisToFirstDeadline(pending));
                if (aborted) {
                    throw new IOException("tcp: the peer did not connect");
                }
                acceptWaiting(pending);
                admitted = readTokens(pending);
                dropExpired(pending);
            }
        } catch (IOException | RuntimeException e) {
            if (aborted) {
                throw new IOException("tcp: the peer did not connect", e); // the interrupt may fail a call under way
            }
            throw e;
        } finally {
            for (Candidate<C> stranger : pending) {
                listener.close(stranger.connection);
            }
        }
        try {
            return listener.blocking(admitted);
        } catch (IOException e) {
            listener.close(admitted);
            throw e;
        }
    }

    private static <C> List<C> connections(Deque<Candidate<C>> pending) {
        List<C> connections = new ArrayList<>(pending.size());
        for (Candidate<C> candidate : pending) {
            connections.add(candidate.connection);
        }
        return connections;
    }

    private static long millisToFirstDeadline(Deque<? extends Candidate<?>> pending) {
        if (pending.isEmpty()) {
            return 0; // no deadline: wait for a connection or abort()
        }
        return Math.max(1, (pending.peekFirst().deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    private void acceptWaiting(Deque<Candidate<C>> pending) throws IOException {
        C connection;
        while ((connection = listener.accept()) != null) {
            if (pending.size() == MAX_PENDING) {
                listener.close(pending.removeFirst().connection);
            }
            pending.addLast(new Candidate<>(connection, token.length)); // from here on, admit() closes it whatever happens
        }
    }

    /** Reads what has arrived of each token; returns the first connection to have presented the whole, right one. */
    private C readTokens(Deque<Candidate<C>> pending) {
        for (var candidates = pending.iterator(); candidates.hasNext();) {
            Candidate<C> candidate = candidates.next();
            int read = listener.read(candidate.connection, candidate.presented, candidate.count, token.length - candidate.count);
            if (read > 0) {
                candidate.count += read;
            }
            if (read >= 0 && candidate.count < token.length) {
                continue;
            }
            candidates.remove();
            if (read >= 0 && MessageDigest.isEqual(token, candidate.presented)) {
                return candidate.connection;
            }
            listener.close(candidate.connection);
        }
        return null;
    }

    private void dropExpired(Deque<Candidate<C>> pending) {
        long now = System.nanoTime();
        while (!pending.isEmpty() && now - pending.peekFirst().deadlineNanos >= 0) {
            listener.close(pending.removeFirst().connection);
        }
    }

    /** Ends a blocked {@link #admit()}. Thread-safe. */
    void abort() {
        aborted = true;
        listener.interrupt();
    }

    /** Stops listening; connections still in the backlog are reset. */
    @Override
    public void close() {
        abort();
        listener.close();
    }

    /** A connection that has yet to present the whole token. */
    private static final class Candidate<C> {
        final C connection;
        final byte[] presented;
        int count;
        final long deadlineNanos = System.nanoTime() + TOKEN_DEADLINE_MILLIS * 1_000_000;

        Candidate(C connection, int tokenBytes) {
            this.connection = connection;
            this.presented = new byte[tokenBytes];
        }
    }
}
