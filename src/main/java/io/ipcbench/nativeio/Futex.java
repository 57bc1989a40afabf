package io.ipcbench.nativeio;

import com.sun.jna.Native;

/**
 * futex(2) on a 32-bit word in memory that two processes share (a System V segment): FUTEX_WAIT
 * and FUTEX_WAKE without FUTEX_PRIVATE_FLAG, so the kernel keys the wait on the segment's page and
 * offset, not on this process's address space. Through {@code syscall}, as glibc has no wrapper.
 *
 * <p>A wait's expected outcomes — the word had already changed (EAGAIN) or the time ran out
 * (ETIMEDOUT) — come back as values read from errno, not as exceptions: the first happens in a
 * healthy run whenever a wake-up arrives just before the sleep, and the timed path allocates nothing.
 */
public final class Futex {
    private static final long SYS_FUTEX = Syscall.FUTEX.number();
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;

    /** How a {@link #await} ended. */
    public enum Outcome {
        /** FUTEX_WAKE reached the waiter, or a spurious wake-up: look again. */
        WOKEN,
        /** The word no longer held the expected value: whatever changed it happened before the sleep. */
        CHANGED,
        /** The timeout passed without a wake-up. */
        TIMED_OUT
    }

    private Futex() {
    }

    /**
     * Sleeps while the int at {@code address} holds {@code expected}, at most {@code timeout}.
     *
     * @param timeout a relative {@code struct timespec} in native memory
     */
    public static Outcome await(long address, int expected, long timeout) {
        while (true) {
            if (LibC.syscall(SYS_FUTEX, address, FUTEX_WAIT, expected, timeout) == 0) {
                return Outcome.WOKEN;
            }
            int errno = Native.getLastError();
            if (errno == Errno.EAGAIN) {
                return Outcome.CHANGED;
            }
            if (errno == Errno.ETIMEDOUT) {
                return Outcome.TIMED_OUT;
            }
            if (errno != Errno.EINTR) {
                throw new NativeException("futex(FUTEX_WAIT)", "address 0x" + Long.toHexString(address), errno, "cannot wait");
            }
        }
    }

    /** Wakes up to {@code count} waiters on the int at {@code address}. */
    public static void wake(long address, int count) {
        if (LibC.syscall(SYS_FUTEX, address, FUTEX_WAKE, count, 0) < 0) {
            throw new NativeException("futex(FUTEX_WAKE)", "address 0x" + Long.toHexString(address), Native.getLastError(),
                    "cannot wake");
        }
    }
}
