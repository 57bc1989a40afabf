package io.ipcbench.nativeio;

import com.sun.jna.LastErrorException;

/**
 * Thread-directed real-time signals, the way they work inside HotSpot (docs/hygiene-and-native.md, "Native calls"): the waiting
 * thread blocks the signal and waits for it in sigtimedwait; the sender aims it at that thread
 * with tgkill. A signal sent before the wait stays pending, so no wake-up is lost.
 */
public final class Signals {
    /** SIGRTMIN+6: clear of glibc's (32, 33) and the JDK's (SIGRTMAX-2 = 62) real-time signals. */
    public static final int WAKE_UP = LibC.__libc_current_sigrtmin() + 6;
    private static final int SIG_BLOCK = 0;
    private static final int SIGSET_BYTES = 128;
    private static final long SIG_IGN = 1;

    static {
        // A wake-up can arrive after its thread stopped waiting (a harmless race) and stay pending.
        // HotSpot restores a thread's original signal mask when the thread ends, which would then
        // deliver it with its default action: ending the JVM (exit 168, seen at the end of a
        // same-core trial). Ignored, it is discarded on delivery; blocked, sigtimedwait still
        // receives it (the kernel never discards a blocked signal).
        try {
            LibC.signal(WAKE_UP, SIG_IGN);
        } catch (LastErrorException e) {
            throw NativeException.of("signal", "SIGRTMIN+6, SIG_IGN", e);
        }
    }

    private Signals() {
    }

    /** A sigset_t holding only {@code signal}, in native memory. */
    public static NativeMemory setOf(int signal) {
        NativeMemory set = new NativeMemory(SIGSET_BYTES);
        int bit = signal - 1;
        set.putLong((bit / 64) * 8L, 1L << (bit % 64));
        return set;
    }

    /** Blocks the signals in {@code set} in the calling thread only. */
    public static void blockInCurrentThread(NativeMemory set) {
        int error = LibC.pthread_sigmask(SIG_BLOCK, set.address(), 0);
        if (error != 0) {
            throw new NativeException("pthread_sigmask", "SIG_BLOCK", error, "cannot block the wake-up signal");
        }
    }

    /** Waits for a signal in {@code set}; false if the relative {@code timeout} passed first. */
    public static boolean await(NativeMemory set, long timeout) {
        long signal;
        do {
            signal = Errors.expecting(LibC.sigtimedwait(set.address(), 0, timeout), Errno.EAGAIN, 0, "sigtimedwait", "signal %d", WAKE_UP, 0);
        } while (signal == Errors.INTERRUPTED);
        return signal >= 0;
    }
}
