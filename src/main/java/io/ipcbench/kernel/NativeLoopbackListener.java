package io.ipcbench.kernel;

import java.util.Collection;

import io.ipcbench.nativeio.Errno;
import io.ipcbench.nativeio.NativeException;
import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.nativeio.Sockets;
import io.ipcbench.nativeio.Sys;

/**
 * The {@code tcp} gate's listener: a non-blocking listening descriptor and poll(2) over it and its
 * connections, which are descriptors too. {@link #interrupt()} shuts the listener down, which wakes
 * poll. The calls that touch the listener are synchronized with {@link #close()}, so that no call
 * can reach a descriptor number that another thread has closed (and the kernel may have reused);
 * poll alone runs unlocked, and a closed listener makes it return at once.
 */
final class NativeLoopbackListener implements LoopbackListener<Integer> {
    private final int listener;
    private final int port;
    private final NativeMemory pollFds;
    private final int capacity;
    private boolean closed;

    private NativeLoopbackListener(int listener, int maxPending) {
        this.listener = listener;
        this.port = Sockets.port(listener);
        this.capacity = maxPending + 1;
        this.pollFds = new NativeMemory((long) capacity * Sockets.POLLFD_SIZE);
    }

    static NativeLoopbackListener open(int backlog, int maxPending) {
        int listener = Sockets.listenLoopback(backlog, true);
        try {
            return new NativeLoopbackListener(listener, maxPending);
        } catch (RuntimeException e) {
            Sys.close(listener);
            throw e;
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized Integer accept() {
        if (closed) {
            return null;
        }
        int fd = Sockets.accept(listener, true);
        return fd < 0 ? null : fd;
    }

    @Override
    public int read(Integer connection, byte[] into, int offset, int length) {
        try (NativeMemory buffer = new NativeMemory(length)) {
            long read = Sys.read(connection, buffer.address(), length, "tcp stranger, fd " + connection);
            buffer.read(0, into, offset, (int) read);
            return read == 0 ? -1 : (int) read;
        } catch (NativeException e) {
            if (e.errno() == Errno.EAGAIN) {
                return 0;
            }
            return -1; // a stranger's reset must not fail the trial
        }
    }

    @Override
    public void await(Collection<Integer> pending, long millis) {
        if (isClosed()) {
            return;
        }
        int count = 0;
        putPollFd(count++, listener);
        for (int connection : pending) {
            if (count == capacity) {
                break; // the gate keeps no more than maxPending
            }
            putPollFd(count++, connection);
        }
        Sockets.poll(pollFds.address(), count, millis == 0 ? -1 : (int) Math.min(millis, Integer.MAX_VALUE));
    }

    private void putPollFd(int index, int fd) {
        long at = (long) index * Sockets.POLLFD_SIZE;
        pollFds.putInt(at, fd);
        pollFds.putShort(at + 4, Sys.POLLIN);
        pollFds.putShort(at + 6, (short) 0);
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void interrupt() {
        if (!closed) {
            Sockets.shutdown(listener);
        }
    }

    @Override
    public Integer blocking(Integer connection) {
        Sys.setNonBlocking(connection, false, "tcp peer, fd " + connection);
        return connection;
    }

    @Override
    public void close(Integer connection) {
        Sys.close(connection);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Sys.close(listener);
        }
    }
}
