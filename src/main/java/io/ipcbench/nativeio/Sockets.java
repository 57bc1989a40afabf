package io.ipcbench.nativeio;

import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;

/**
 * Stream sockets made with libc's own calls, so that a socket is a plain descriptor that
 * {@link Sys#read} and {@link Sys#write} move bytes through, as they do for pipes and FIFOs. Every
 * socket is close-on-exec; addresses are Unix domain paths or ports of 127.0.0.1 (never another
 * interface). Errors name the call, errno and the path or port.
 */
public final class Sockets {
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_NONBLOCK = Sys.O_NONBLOCK;
    private static final int SOCK_CLOEXEC = Sys.O_CLOEXEC;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_NODELAY = 1;
    private static final int SHUT_RDWR = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    /** struct sockaddr_un: sa_family_t, then a path of at most 107 bytes and its NUL. */
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final int SUN_PATH_OFFSET = 2;
    private static final int SUN_PATH_MAX = 107;
    /** struct sockaddr_in: sa_family_t, port and address in network byte order, 8 bytes of zero. */
    private static final int SOCKADDR_IN_SIZE = 16;
    private static final int SIN_PORT_OFFSET = 2;
    private static final int SIN_ADDR_OFFSET = 4;
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    /** struct pollfd: int fd, short events, short revents. */
    public static final int POLLFD_SIZE = 8;

    private Sockets() {
    }

    /** A Unix domain stream socket bound to {@code path} and listening. */
    public static int listenUnix(String path, int backlog) {
        try (NativeMemory address = unixAddress(path)) {
            return listen(AF_UNIX, 0, address, SOCKADDR_UN_SIZE, backlog, path);
        }
    }

    /** A Unix domain stream socket connected to the listener at {@code path}. */
    public static int connectUnix(String path) {
        try (NativeMemory address = unixAddress(path)) {
            return connect(AF_UNIX, address, SOCKADDR_UN_SIZE, path);
        }
    }

    /** A TCP socket listening on an ephemeral port of 127.0.0.1; {@code nonBlocking} for accepts that return at once. */
    public static int listenLoopback(int backlog, boolean nonBlocking) {
        try (NativeMemory address = loopbackAddress(0)) {
            return listen(AF_INET, nonBlocking ? SOCK_NONBLOCK : 0, address, SOCKADDR_IN_SIZE, backlog, "127.0.0.1:0");
        }
    }

    /** A TCP socket connected to {@code port} of 127.0.0.1. */
    public static int connectLoopback(int port) {
        try (NativeMemory address = loopbackAddress(port)) {
            return connect(AF_INET, address, SOCKADDR_IN_SIZE, "127.0.0.1:" + port);
        }
    }

    /** The port a loopback socket is bound to. */
    public static int port(int fd) {
        try (NativeMemory address = new NativeMemory(SOCKADDR_IN_SIZE); NativeMemory length = new NativeMemory(Integer.BYTES)) {
            length.putInt(0, SOCKADDR_IN_SIZE);
            LibC.getsockname(fd, address.address(), length.address());
            byte[] port = new byte[2];
            address.read(SIN_PORT_OFFSET, port, 0, 2);
            return (port[0] & 0xff) << 8 | port[1] & 0xff;
        } catch (LastErrorException e) {
            throw NativeException.of("getsockname", "fd " + fd, e);
        }
    }

    /**
     * The next connection from the listener's backlog, close-on-exec. On a non-blocking listener
     * returns -1 when none waits, and the connection is non-blocking too.
     *
     * @throws NativeException EINVAL once {@link #shutdown} has ended the listening
     */
    public static int accept(int listener, boolean nonBlocking) {
        long fd;
        do {
            int result = LibC.accept4(listener, 0, 0, SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0));
            fd = nonBlocking ? Errors.checkNow(result, "accept4", "fd %d", listener, 0) : Errors.check(result, "accept4", "fd %d", listener, 0);
        } while (fd == Errors.INTERRUPTED);
        return fd == Errors.AGAIN ? -1 : (int) fd;
    }

    /** Turns off Nagle's algorithm: a small message leaves at once instead of waiting for the last one's ACK. */
    public static void noDelay(int fd) {
        try (NativeMemory one = new NativeMemory(Integer.BYTES)) {
            one.putInt(0, 1);
            LibC.setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, one.address(), Integer.BYTES);
        } catch (LastErrorException e) {
            throw NativeException.of("setsockopt(TCP_NODELAY)", "fd " + fd, e);
        }
    }

    /**
     * Asks for send and receive buffers of {@code bytes} each (SO_SNDBUF, SO_RCVBUF). The kernel
     * doubles what it is asked, for its own bookkeeping, and caps it at net.core.wmem_max and
     * rmem_max; {@link #sendBuffer} says what it granted.
     */
    public static void setBuffers(int fd, long bytes) {
        int asked = (int) Math.min(bytes, Integer.MAX_VALUE / 2);
        try (NativeMemory value = new NativeMemory(Integer.BYTES)) {
            value.putInt(0, asked);
            LibC.setsockopt(fd, SOL_SOCKET, SO_SNDBUF, value.address(), Integer.BYTES);
            LibC.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, value.address(), Integer.BYTES);
        } catch (LastErrorException e) {
            throw NativeException.of("setsockopt(SO_SNDBUF/SO_RCVBUF, " + asked + ")", "fd " + fd, e);
        }
    }

    /** The socket's send buffer in bytes as the kernel accounts it (getsockopt SO_SNDBUF). */
    public static long sendBuffer(int fd) {
        try (NativeMemory value = new NativeMemory(2L * Integer.BYTES)) {
            value.putInt(Integer.BYTES, Integer.BYTES);
            LibC.getsockopt(fd, SOL_SOCKET, SO_SNDBUF, value.address(), value.address() + Integer.BYTES);
            return value.getInt(0);
        } catch (LastErrorException e) {
            throw NativeException.of("getsockopt(SO_SNDBUF)", "fd " + fd, e);
        }
    }

    /**
     * Shuts both directions down: a read blocked on the socket in any thread returns end of file, a
     * blocked write fails with EPIPE, a blocked accept or poll on a listener returns (close(2) would
     * wake none of them). A socket that is no longer connected is fine.
     */
    public static void shutdown(int fd) {
        try {
            LibC.shutdown(fd, SHUT_RDWR);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Errno.ENOTCONN) {
                throw NativeException.of("shutdown", "fd " + fd, e);
            }
        }
    }

    /**
     * One poll(2) over {@code count} {@code struct pollfd}s at {@code fds}; a timeout of -1 waits
     * without limit. Returns how many have events; 0 on timeout or when a signal interrupted it.
     */
    public static int poll(long fds, int count, int timeoutMillis) {
        long ready = Errors.check(LibC.poll(fds, count, timeoutMillis), "poll", "%d descriptors", count, 0);
        return ready == Errors.INTERRUPTED ? 0 : (int) ready;
    }

    private static int listen(int family, int flags, NativeMemory address, int length, int backlog, String what) {
        int fd = socket(family, flags, what);
        String call = "bind";
        try {
            LibC.bind(fd, address.address(), length);
            call = "listen";
            LibC.listen(fd, backlog);
            return fd;
        } catch (LastErrorException e) {
            Sys.close(fd);
            throw NativeException.of(call, what, e);
        }
    }

    /** A blocking connect; one interrupted by a signal goes on in the kernel, and is waited for by trying again. */
    private static int connect(int family, NativeMemory address, int length, String what) {
        int fd = socket(family, 0, what);
        long connected;
        try {
            do {
                connected = Errors.expecting(LibC.connect(fd, address.address(), length), Errno.EISCONN, Errno.EALREADY, "connect", what);
            } while (connected == Errors.INTERRUPTED || connected == -Errno.EALREADY);
        } catch (NativeException e) {
            Sys.close(fd);
            throw e;
        }
        return fd; // connected, or EISCONN: an interrupted attempt had finished meanwhile
    }

    private static int socket(int family, int flags, String what) {
        try {
            return LibC.socket(family, SOCK_STREAM | SOCK_CLOEXEC | flags, 0);
        } catch (LastErrorException e) {
            throw NativeException.of("socket", what, e);
        }
    }

    private static NativeMemory unixAddress(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > SUN_PATH_MAX) {
            throw new IllegalArgumentException("socket path " + path + " is " + bytes.length + " bytes, more than a Unix socket's "
                    + SUN_PATH_MAX + " (give the JVM a shorter -Djava.io.tmpdir)");
        }
        NativeMemory address = new NativeMemory(SOCKADDR_UN_SIZE);
        address.putShort(0, (short) AF_UNIX);
        address.write(SUN_PATH_OFFSET, bytes, 0, bytes.length); // the memory starts zeroed: the NUL is there
        return address;
    }

    private static NativeMemory loopbackAddress(int port) {
        NativeMemory address = new NativeMemory(SOCKADDR_IN_SIZE);
        address.putShort(0, (short) AF_INET);
        address.write(SIN_PORT_OFFSET, new byte[] {(byte) (port >>> 8), (byte) port}, 0, 2);
        address.write(SIN_ADDR_OFFSET, LOOPBACK, 0, LOOPBACK.length);
        return address;
    }
}
