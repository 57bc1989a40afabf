package io.ipcbench.nativeio;

import java.util.concurrent.Callable;

import com.sun.jna.Native;

/**
 * For tests that must be refused ptrace access for real: make this process non-dumpable, and run
 * a call on the current thread without CAP_SYS_PTRACE in its effective set (a test run as root
 * holds it, and it overrides a non-dumpable target). Capabilities are per thread: only the calling
 * thread loses it, and gets it back from its permitted set afterwards.
 */
public final class PtraceRights {
    private static final long SYS_CAPGET = 125; // x86_64
    private static final long SYS_CAPSET = 126;
    private static final long SYS_PRCTL = 157;
    private static final int PR_SET_DUMPABLE = 4;
    private static final int CAPABILITY_VERSION_3 = 0x20080522;
    private static final int CAP_SYS_PTRACE = 19;

    private PtraceRights() {
    }

    /** prctl(PR_SET_DUMPABLE): a non-dumpable process may be ptraced (and written into) only with CAP_SYS_PTRACE. */
    public static void setDumpable(boolean dumpable) {
        if (LibC.syscall(SYS_PRCTL, PR_SET_DUMPABLE, dumpable ? 1 : 0, 0, 0) != 0) {
            throw new NativeException("prctl(PR_SET_DUMPABLE)", dumpable ? 1 : 0, Native.getLastError(), "cannot set");
        }
    }

    /** Runs {@code call} on this thread with CAP_SYS_PTRACE out of its effective capabilities. */
    public static <T> T withoutCapSysPtrace(Callable<T> call) throws Exception {
        // struct __user_cap_header_struct {u32 version; int pid;}, then two struct __user_cap_data_struct {u32 effective, permitted, inheritable;}
        try (NativeMemory header = new NativeMemory(8); NativeMemory data = new NativeMemory(24)) {
            header.putInt(0, CAPABILITY_VERSION_3);
            capCall(SYS_CAPGET, header, data, "capget");
            int effective = data.getInt(0);
            boolean held = (effective & (1 << CAP_SYS_PTRACE)) != 0;
            if (held) {
                data.putInt(0, effective & ~(1 << CAP_SYS_PTRACE));
                capCall(SYS_CAPSET, header, data, "capset");
            }
            try {
                return call.call();
            } finally {
                if (held) {
                    data.putInt(0, effective);
                    capCall(SYS_CAPSET, header, data, "capset");
                }
            }
        }
    }

    private static void capCall(long number, NativeMemory header, NativeMemory data, String call) {
        header.putInt(0, CAPABILITY_VERSION_3);
        header.putInt(4, 0);
        if (LibC.syscall(number, header.address(), data.address(), 0, 0) != 0) {
            throw new NativeException(call, "this thread", Native.getLastError(), "cannot " + call);
        }
    }
}
