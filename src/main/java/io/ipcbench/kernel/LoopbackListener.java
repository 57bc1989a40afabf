package io.ipcbench.kernel;

import java.io.IOException;
import java.util.Collection;

/**
 * A non-blocking listener on an ephemeral port of 127.0.0.1 and the connections it accepts, as
 * {@link TokenGate} needs them: the JDK's NIO ({@link JdkLoopbackListener}, for {@code tcp-jdk}) or
 * libc's calls on plain descriptors ({@link NativeLoopbackListener}, for {@code tcp}).
 *
 * @param <C> a connection
 */
interface LoopbackListener<C> extends AutoCloseable {

    int port();

    /** A connection waiting in the backlog, non-blocking, or null if none waits. */
    C accept() throws IOException;

    /**
     * Reads what has arrived of {@code length} bytes into {@code into} from {@code offset}, without
     * blocking: the bytes read, 0 if none have arrived, -1 if the other end closed or reset.
     */
    int read(C connection, byte[] into, int offset, int length);

    /**
     * Waits until a connection waits in the backlog or one of {@code pending} has bytes or closed,
     * {@code millis} passed (0: no limit), or {@link #interrupt()} was called. May return early.
     */
    void await(Collection<C> pending, long millis) throws IOException;

    /** From another thread: ends a wait in {@link #await}; the listener need accept nothing after. */
    void interrupt();

    /** The connection let in, in blocking mode from now on. */
    C blocking(C connection) throws IOException;

    void close(C connection);

    /** Stops listening; connections still in the backlog are reset. */
    @Override
    void close();
}
