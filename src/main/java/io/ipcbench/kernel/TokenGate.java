package io.ipcbench.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * A loopback listener that lets in the one connection presenting the trial's token, and lets no
 * other connection delay it. Any local user can connect to a loopback port: a gate that accepted
 * one connection at a time and waited for its token would let a stranger who connects and stays
 * silent hold the real peer back for a timeout per connection, until the trial failed blaming the
 * peer. So one selector watches the listener and every pending connection together: tokens are read
 * as their bytes arrive, and a connection is dropped as soon as it closes or sends a wrong token, or
 * when its deadline passes.
 */
final class TokenGate implements AutoCloseable {
    /** Room for a burst of connections between two passes of the selector, so a flood cannot refuse the peer's. */
    private static final int BACKLOG = 128;
    /** The peer writes its token right after connecting; a connection silent this long is a stranger. */
    private static final long TOKEN_DEADLINE_MILLIS = 2_000;
    /** At most this many connections wait for their token; beyond it the oldest goes, so a flood cannot exhaust descriptors. */
    static final int MAX_PENDING = 64;

    private final ServerSocketChannel listener;
    private final int port;
    private final byte[] token;
    private volatile Selector selector;
    private volatile boolean aborted;

    private TokenGate(ServerSocketChannel listener, int port, byte[] token) {
        this.listener = listener;
        this.port = port;
        this.token = token.clone();
    }

    /** Listens on an ephemeral port of the loopback address. */
    static TokenGate open(byte[] token) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
            return new TokenGate(listener, ((InetSocketAddress) listener.getLocalAddress()).getPort(), token);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /**
     * Blocks until a connection has presented the token, and returns it in blocking mode; every
     * other connection accepted meanwhile is closed.
     *
     * @throws IOException if {@link #abort()} ended the wait first
     */
    SocketChannel admit() throws IOException {
        Deque<Candidate> pending = new ArrayDeque<>(); // in order of arrival, so of deadline too
        SocketChannel admitted = null;
        try (Selector watching = Selector.open()) {
            selector = watching;
            listener.configureBlocking(false);
            listener.register(watching, SelectionKey.OP_ACCEPT);
            while (admitted == null) {
                if (aborted) {
                    throw new IOException("tcp: the peer did not connect");
                }
                watching.select(millisToFirstDeadline(pending));
                for (Iterator<SelectionKey> keys = watching.selectedKeys().iterator(); keys.hasNext() && admitted == null;) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue; // a stranger dropped earlier in this pass
                    }
                    if (key.isAcceptable()) {
                        acceptWaiting(watching, pending);
                    } else if (key.isReadable()) {
                        admitted = readToken((Candidate) key.attachment(), pending);
                    }
                }
                dropExpired(pending);
            }
        } finally {
            selector = null;
            for (Candidate stranger : pending) {
                stranger.channel.close();
            }
        }
        try {
            admitted.configureBlocking(true); // closing the selector deregistered it, so it may block again
            return admitted;
        } catch (IOException e) {
            admitted.close();
            throw e;
        }
    }

    private static long millisToFirstDeadline(Deque<Candidate> pending) {
        if (pending.isEmpty()) {
            return 0; // no deadline: wait for a connection or abort()
        }
        return Math.max(1, (pending.peekFirst().deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    private void acceptWaiting(Selector watching, Deque<Candidate> pending) throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            if (pending.size() == MAX_PENDING) {
                pending.removeFirst().channel.close();
            }
            Candidate candidate = new Candidate(channel, token.length);
            pending.addLast(candidate); // from here on, admit() closes it whatever happens
            channel.configureBlocking(false);
            channel.register(watching, SelectionKey.OP_READ, candidate);
        }
    }

    /** Reads what has arrived; returns the channel once it has presented the whole, right token. */
    private SocketChannel readToken(Candidate candidate, Deque<Candidate> pending) throws IOException {
        int read;
        try {
            read = candidate.channel.read(candidate.presented);
        } catch (IOException reset) {
            read = -1; // a stranger's reset must not fail the trial
        }
        if (read >= 0 && candidate.presented.hasRemaining()) {
            return null;
        }
        pending.remove(candidate);
        if (read >= 0 && MessageDigest.isEqual(token, candidate.presented.array())) {
            return candidate.channel;
        }
        candidate.channel.close();
        return null;
    }

    private static void dropExpired(Deque<Candidate> pending) throws IOException {
        long now = System.nanoTime();
        while (!pending.isEmpty() && now - pending.peekFirst().deadlineNanos >= 0) {
            pending.removeFirst().channel.close();
        }
    }

    /** Ends a blocked {@link #admit()}. Thread-safe. */
    void abort() {
        aborted = true;
        Selector watching = selector;
        if (watching != null) {
            watching.wakeup();
        }
    }

    /** Stops listening; connections still in the backlog are reset. */
    @Override
    public void close() {
        abort();
        try {
            listener.close();
        } catch (IOException ignored) {
            // the listening socket is of no further use either way
        }
    }

    /** A connection that has yet to present the whole token. */
    private static final class Candidate {
        final SocketChannel channel;
        final ByteBuffer presented;
        final long deadlineNanos = System.nanoTime() + TOKEN_DEADLINE_MILLIS * 1_000_000;

        Candidate(SocketChannel channel, int tokenBytes) {
            this.channel = channel;
            this.presented = ByteBuffer.allocate(tokenBytes);
        }
    }
}
