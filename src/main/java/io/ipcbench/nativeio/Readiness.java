package io.ipcbench.nativeio;

/**
 * Sleeping until one descriptor is ready: poll(2) on one {@code struct pollfd} kept in native memory,
 * so the sleeping phase of {@code wait=backoff} allocates nothing. At most a slice, after which the
 * caller tries its call again (and notices a peer that is gone).
 */
public final class Readiness implements AutoCloseable {
    /** struct pollfd: int fd, short events, short revents. */
    private static final int POLLFD_SIZE = 8;
    private final NativeMemory pollFd = new NativeMemory(POLLFD_SIZE);

    /**
     * Sleeps until {@code fd} is ready for {@code events} ({@link Sys#POLLIN}, {@link Sys#POLLOUT}), hung up, or
     * {@code timeoutMillis} passed: false in that last case.
     */
    public boolean await(int fd, short events, int timeoutMillis, Object what) {
        pollFd.putInt(0, fd);
        pollFd.putShort(4, events);
        pollFd.putShort(6, (short) 0);
        return Sys.pollOne(pollFd.address(), timeoutMillis, what);
    }

    @Override
    public void close() {
        pollFd.close();
    }
}
