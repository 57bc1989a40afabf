package io.ipcbench.kernel;

import io.ipcbench.nativeio.Sockets;
import io.ipcbench.nativeio.Sys;

/**
 * A socket descriptor that one thread uses while another may have to end its wait: shutdown(2)
 * wakes a blocked accept, read or write, where close(2) would wake none of them and would let the
 * descriptor's number go to the next file opened, in any thread. So shutdown and close are
 * synchronized, and a shutdown after close does nothing.
 */
final class SocketFd {
    private final int fd;
    private boolean closed;

    SocketFd(int fd) {
        this.fd = fd;
    }

    int fd() {
        return fd;
    }

    /** From any thread: ends every wait on the socket; idempotent. */
    synchronized void shutdown() {
        if (!closed) {
            Sockets.shutdown(fd);
        }
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            Sys.close(fd);
        }
    }
}
