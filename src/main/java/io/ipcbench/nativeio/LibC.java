package io.ipcbench.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Direct-mapped libc calls (JNA {@code Native.register}: ~0.1–0.2 µs a call, DESIGN §5).
 *
 * <p>Pointers are passed as {@code long} addresses so the hot path converts nothing; variadic
 * functions ({@code open}, {@code fcntl}, {@code syscall}) are bound with fixed arguments.
 * Every call that can fail declares {@link LastErrorException}; {@link Sys} turns it into a
 * {@link NativeException} naming the call, the errno symbol and the object. Call {@link Sys}, not
 * this class, outside the native package.
 */
final class LibC {
    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    // files, pipes and FIFOs
    static native int open(String path, int flags, int mode) throws LastErrorException;
    static native int close(int fd) throws LastErrorException;
    static native long read(int fd, long buf, long count) throws LastErrorException;
    static native long write(int fd, long buf, long count) throws LastErrorException;
    static native int mkfifo(String path, int mode) throws LastErrorException;
    static native int fcntl(int fd, int cmd, long arg) throws LastErrorException;

    // processes and threads
    static native int getpid();
    static native long sysconf(int name);
    static native int sched_setaffinity(int pid, long cpusetsize, long[] mask) throws LastErrorException;
    static native long syscall(long number, long a1, long a2, long a3) throws LastErrorException;
}
