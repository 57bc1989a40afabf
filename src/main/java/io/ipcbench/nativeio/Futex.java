package io.ipcbench.nativeio;

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
        long woken;
        do {
            woken = Errors.expecting(LibC.syscall(SYS_FUTEX, address, FUTEX_WAIT, expected, timeout), Errno.EAGAIN, Errno.ETIMEDOUT,
                    "futex(FUTEX_WAIT)", "address 0x%x", address, 0);
        } while (woken == Errors.INTERRUPTED);
        return woken >= 0 ? Outcome.WOKEN : woken == Errors.AGAIN ? Outcome.CHANGED : Outcome.TIMED_OUT;
    }

    /** Wakes up to {@code count} waiters on the int at {@code address}. */
    public static void wake(long address, int count) {
        long woken;
        do {
            woken = Errors.check(LibC.syscall(SYS_FUTEX, address, FUTEX_WAKE, count, 0), "futex(FUTEX_WAKE)", "address 0x%x", address, 0);
        } while (woken == Errors.INTERRUPTED);
    }
}
