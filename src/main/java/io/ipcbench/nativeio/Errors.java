package io.ipcbench.nativeio;

import com.sun.jna.Native;

/**
 * The one place where a failed call's errno is read (docs/hygiene-and-native.md, "Native calls"): EINTR
 * and EAGAIN are answered here, every other errno becomes a {@link NativeException} that names the
 * call, the errno symbol and the object.
 *
 * <p>The calls a loop makes (read, write, a polled msgsnd, a futex wait…) are bound in {@link LibC}
 * without {@code LastErrorException}: they return -1 and JNA keeps errno for
 * {@code Native.getLastError()}, which is read only then. A call site passes the call's result
 * through {@code check} and makes the call again while it answers {@link #INTERRUPTED}:
 *
 * <pre>{@code
 * long n;
 * do {
 *     n = Errors.check(LibC.read(fd, address, count), "read", what);
 * } while (n == Errors.INTERRUPTED);
 * }</pre>
 *
 * A result {@code >= 0} comes back as it is. A failure comes back as {@code -errno} when it is
 * EINTR ({@link #INTERRUPTED}), EAGAIN ({@link #AGAIN}: it would have blocked) for a call that polls
 * ({@code checkNow}), or an errno the caller expects ({@code expecting}: a timeout's ETIMEDOUT,
 * IPC_NOWAIT's ENOMSG); any other errno throws. Nothing is allocated unless it throws: the object is
 * a transport's name, or a format ({@code "msqid %d"}) filled in only for the exception.
 */
final class Errors {
    /** EINTR: a signal interrupted the call before it did anything; make it again. */
    static final long INTERRUPTED = -Errno.EINTR;
    /** EAGAIN: a call that polls would have blocked (a non-blocking descriptor, IPC_NOWAIT). */
    static final long AGAIN = -Errno.EAGAIN;
    private static final int NONE = 0;

    private Errors() {
    }

    /** For a call that waits: {@code result}, or {@link #INTERRUPTED}; any other errno throws, naming {@code call} and {@code what}. */
    static long check(long result, String call, Object what) {
        return result >= 0 ? result : failed(NONE, NONE, call, what, false, 0, 0);
    }

    /** As {@link #check(long, String, Object)}, the object {@code String.format(format, a, b)}. */
    static long check(long result, String call, String format, long a, long b) {
        return result >= 0 ? result : failed(NONE, NONE, call, format, true, a, b);
    }

    /** For a call that polls: as {@link #check(long, String, Object)}, and {@link #AGAIN} when it would have blocked. */
    static long checkNow(long result, String call, Object what) {
        return result >= 0 ? result : failed(Errno.EAGAIN, NONE, call, what, false, 0, 0);
    }

    /** As {@link #checkNow(long, String, Object)}, the object {@code String.format(format, a, b)}. */
    static long checkNow(long result, String call, String format, long a, long b) {
        return result >= 0 ? result : failed(Errno.EAGAIN, NONE, call, format, true, a, b);
    }

    /** As {@link #check(long, String, Object)}, and {@code -expected} or {@code -alsoExpected} (0: none) for those errnos. */
    static long expecting(long result, int expected, int alsoExpected, String call, Object what) {
        return result >= 0 ? result : failed(expected, alsoExpected, call, what, false, 0, 0);
    }

    /** As {@link #expecting(long, int, int, String, Object)}, the object {@code String.format(format, a, b)}. */
    static long expecting(long result, int expected, int alsoExpected, String call, String format, long a, long b) {
        return result >= 0 ? result : failed(expected, alsoExpected, call, format, true, a, b);
    }

    private static long failed(int expected, int alsoExpected, String call, Object what, boolean format, long a, long b) {
        int errno = Native.getLastError();
        if (errno == Errno.EINTR || errno != NONE && (errno == expected || errno == alsoExpected)) {
            return -errno;
        }
        throw error(call, format ? String.format((String) what, a, b) : what, errno);
    }

    /** The exception for {@code errno} of {@code call} on {@code what}, with the C library's text for it. */
    static NativeException error(String call, Object what, int errno) {
        return new NativeException(call, what, errno, LibC.strerror(errno));
    }
}
