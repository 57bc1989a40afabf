package io.ipcbench.nativeio;

import com.sun.jna.LastErrorException;

/**
 * An eventfd(2): a 64-bit counter in the kernel that {@link #signal()} adds one to and
 * {@link #await} waits on and resets. Non-blocking and close-on-exec: a wait is poll(2) with a
 * timeout followed by read(2), so no wait is unbounded and the read never blocks.
 *
 * <p>Any thread may signal (the 8 bytes written are a constant); only one thread may wait, as the
 * poll and read buffers are its own.
 */
public final class EventFd implements AutoCloseable {
    private static final int EFD_NONBLOCK = 04000;
    private static final int EFD_CLOEXEC = 02000000;
    /** struct pollfd: int fd, short events, short revents. */
    private static final int POLLFD_BYTES = 8;

    private final int fd;
    private final String what;
    private final NativeMemory one = new NativeMemory(8);
    private final NativeMemory pollFd = new NativeMemory(POLLFD_BYTES);
    private final NativeMemory count = new NativeMemory(8);
    private boolean closed;

    private EventFd(int fd, String what) {
        this.fd = fd;
        this.what = what;
        one.putLong(0, 1);
        pollFd.putInt(0, fd);
        pollFd.putShort(4, Sys.POLLIN);
    }

    /** A new eventfd with its counter at 0; {@code what} names it in errors. */
    public static EventFd create(String what) {
        try {
            return new EventFd(LibC.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), what);
        } catch (LastErrorException e) {
            throw NativeException.of("eventfd", what, e);
        }
    }

    /** An eventfd this process received from another (its flags travel with it). */
    public static EventFd adopt(int fd, String what) {
        return new EventFd(fd, what);
    }

    public int fd() {
        return fd;
    }

    /** Adds one to the counter, waking a waiter. */
    public void signal() {
        Sys.write(fd, one.address(), 8, what);
    }

    /**
     * Waits up to {@code timeoutMillis} for the counter to be non-zero, then resets it to zero.
     * Returns false if the time ran out first.
     */
    public boolean await(int timeoutMillis) {
        if (!Sys.pollOne(pollFd.address(), timeoutMillis, what)) {
            return false;
        }
        Sys.read(fd, count.address(), 8, what);
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Sys.close(fd);
        }
    }
}
