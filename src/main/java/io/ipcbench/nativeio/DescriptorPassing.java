package io.ipcbench.nativeio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.sun.jna.LastErrorException;

/**
 * Hands open file descriptors to another process of this user: SCM_RIGHTS over a Unix domain
 * stream socket whose file lives in a private directory. The JDK's Unix sockets cannot carry
 * descriptors, so the socket is libc's ({@link Sockets}), and the structs are laid out here
 * (x86_64): {@code msghdr} (56 bytes), {@code iovec}, {@code cmsghdr} (length, level, type, then the ints).
 */
public final class DescriptorPassing {
    private static final int SOCK_CLOEXEC = Sys.O_CLOEXEC; // the same bit, as for Sockets
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int MSGHDR_BYTES = 56;
    private static final int MSG_IOV_OFFSET = 16;
    private static final int MSG_IOVLEN_OFFSET = 24;
    private static final int MSG_CONTROL_OFFSET = 32;
    private static final int MSG_CONTROLLEN_OFFSET = 40;
    private static final int MSG_FLAGS_OFFSET = 48;
    private static final int IOV = MSGHDR_BYTES;
    private static final int CONTROL = IOV + 16;
    private static final int CMSGHDR_BYTES = 16;
    private static final int CMSG_LEVEL_OFFSET = 8;
    private static final int CMSG_TYPE_OFFSET = 12;

    private DescriptorPassing() {
    }

    /** A socket listening at {@code path} (made 0600), for one connection. */
    public static int listen(Path path) {
        int fd = Sockets.listenUnix(path.toString(), 1);
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            return fd;
        } catch (IOException e) {
            Sys.close(fd);
            throw new IllegalStateException("cannot make " + path + " 0600: " + e.getMessage(), e);
        }
    }

    /** The next connection to {@code listening}, or -1 if none came within {@code timeoutMillis}. */
    public static int accept(int listening, int timeoutMillis, Object what) {
        try (Readiness readiness = new Readiness()) {
            if (!readiness.await(listening, Sys.POLLIN, timeoutMillis, what)) {
                return -1;
            }
        }
        long fd;
        do {
            fd = Errors.check(LibC.accept4(listening, 0, 0, SOCK_CLOEXEC), "accept4", what);
        } while (fd == Errors.INTERRUPTED);
        return (int) fd;
    }

    /** A socket connected to the one listening at {@code path}. */
    public static int connect(Path path) {
        return Sockets.connectUnix(path.toString());
    }

    /** Sends {@code fds} (with one byte of data, which SCM_RIGHTS needs) over a connected socket. */
    public static void send(int socket, int[] fds, Object what) {
        try (NativeMemory data = new NativeMemory(1);
                NativeMemory message = message(data, fds.length)) {
            message.putLong(CONTROL, CMSGHDR_BYTES + 4L * fds.length);
            message.putInt(CONTROL + CMSG_LEVEL_OFFSET, SOL_SOCKET);
            message.putInt(CONTROL + CMSG_TYPE_OFFSET, SCM_RIGHTS);
            for (int i = 0; i < fds.length; i++) {
                message.putInt(CONTROL + CMSGHDR_BYTES + 4L * i, fds[i]);
            }
            LibC.sendmsg(socket, message.address(), 0);
        } catch (LastErrorException e) {
            throw NativeException.of("sendmsg", what, e);
        }
    }

    /**
     * Receives exactly {@code count} descriptors (close-on-exec) sent by {@link #send}, waiting at
     * most {@code timeoutMillis} for them.
     *
     * @throws IOException if none came in time, the other side closed, or the message held other than {@code count}
     */
    public static int[] receive(int socket, int count, int timeoutMillis, Object what) throws IOException {
        try (Readiness readiness = new Readiness()) {
            if (!readiness.await(socket, Sys.POLLIN, timeoutMillis, what)) {
                throw new IOException(what + ": no descriptors came within " + timeoutMillis + " ms");
            }
        }
        try (NativeMemory data = new NativeMemory(1);
                NativeMemory message = message(data, count)) {
            long received;
            try {
                received = LibC.recvmsg(socket, message.address(), MSG_CMSG_CLOEXEC);
            } catch (LastErrorException e) {
                throw NativeException.of("recvmsg", what, e);
            }
            boolean rights = message.getLong(MSG_CONTROLLEN_OFFSET) >= CMSGHDR_BYTES
                    && message.getInt(CONTROL + CMSG_LEVEL_OFFSET) == SOL_SOCKET
                    && message.getInt(CONTROL + CMSG_TYPE_OFFSET) == SCM_RIGHTS;
            int[] fds = new int[rights ? (int) ((message.getLong(CONTROL) - CMSGHDR_BYTES) / 4) : 0];
            for (int i = 0; i < fds.length; i++) {
                fds[i] = message.getInt(CONTROL + CMSGHDR_BYTES + 4L * i);
            }
            boolean truncated = (message.getInt(MSG_FLAGS_OFFSET) & MSG_CTRUNC) != 0;
            if (received <= 0 || fds.length != count || truncated) {
                for (int fd : fds) {
                    Sys.close(fd);
                }
                throw new IOException(what + ": expected " + count + " descriptors, got "
                        + (received <= 0 ? "end of stream" : fds.length + (truncated ? " (truncated)" : "")));
            }
            return fds;
        }
    }

    /** Writes one line of text over a connected socket (what a peer answers after it got its descriptors). */
    public static void sendLine(int socket, String line, Object what) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try (NativeMemory data = new NativeMemory(bytes.length)) {
            data.write(0, bytes, 0, bytes.length);
            for (int sent = 0; sent < bytes.length;) {
                sent += (int) Sys.write(socket, data.address() + sent, bytes.length - sent, what);
            }
        }
    }

    /** Reads one line sent by {@link #sendLine}, waiting at most {@code timeoutMillis} in all. */
    public static String receiveLine(int socket, int timeoutMillis, Object what) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        StringBuilder line = new StringBuilder();
        try (Readiness readiness = new Readiness(); NativeMemory data = new NativeMemory(1)) {
            while (true) {
                int left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
                if (!readiness.await(socket, Sys.POLLIN, left, what)) {
                    throw new IOException(what + ": no answer came within " + timeoutMillis + " ms");
                }
                if (Sys.read(socket, data.address(), 1, what) <= 0) {
                    throw new IOException(what + ": the other side closed before it answered");
                }
                byte b = data.getByte(0);
                if (b == '\n') {
                    return line.toString();
                }
                line.append((char) b);
                if (line.length() > 4096) {
                    throw new IOException(what + ": an answer longer than 4096 bytes");
                }
            }
        }
    }

    /**
     * A msghdr with one iovec over {@code data} and room for {@code fds} descriptors of control
     * data, all in one block: msghdr, then the iovec ({@link #IOV}), then the control message
     * ({@link #CONTROL}).
     */
    private static NativeMemory message(NativeMemory data, int fds) {
        int controlBytes = CMSGHDR_BYTES + align8(4 * fds);
        NativeMemory message = new NativeMemory(CONTROL + controlBytes);
        message.putLong(IOV, data.address());
        message.putLong(IOV + 8, 1);
        message.putLong(MSG_IOV_OFFSET, message.address() + IOV);
        message.putLong(MSG_IOVLEN_OFFSET, 1);
        message.putLong(MSG_CONTROL_OFFSET, message.address() + CONTROL);
        message.putLong(MSG_CONTROLLEN_OFFSET, controlBytes);
        return message;
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }
}
