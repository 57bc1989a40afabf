package io.ipcbench.nativeio;

import java.io.IOException;

/**
 * Cross-memory attach: {@code process_vm_writev} copies bytes straight from this process's memory
 * into another's, one copy, no kernel buffer between ({@code process_vm_readv}, the other way
 * round, is what plain {@code cma} does not use and {@code cma:split}'s receiver does:
 * docs/transports.md, "Single copy: cma"). The kernel
 * allows it where this process may ptrace the other ({@code PTRACE_MODE_ATTACH}): the same user,
 * a dumpable target (or CAP_SYS_PTRACE), and Yama's {@code kernel.yama.ptrace_scope} where that
 * module is present. Through {@code syscall} without JNA's {@code LastErrorException}: a call in
 * the timed path allocates nothing.
 *
 * <p>One instance per side: its two {@code struct iovec}s (local, remote) are its own
 * native memory, filled per call.
 */
public final class CrossMemory {
    private static final long SYS_PROCESS_VM_WRITEV = Syscall.PROCESS_VM_WRITEV.number();
    private static final long SYS_PROCESS_VM_READV = Syscall.PROCESS_VM_READV.number();
    private static final long SYS_PRCTL = Syscall.PRCTL.number();
    private static final int PR_SET_PTRACER = 0x59616d61; // "Yama"

    private final String transport;
    /** struct iovec local at 0, remote at 16: {void *base; size_t len}. */
    private final NativeMemory iovecs = new NativeMemory(32);

    public CrossMemory(String transport) {
        this.transport = transport;
    }

    /**
     * Copies {@code length} bytes from {@code local} here to {@code remote} in process {@code pid}
     * (process_vm_writev), looping over partial transfers.
     *
     * @throws IOException the other process is gone (ESRCH), or one line that says why the
     *         kernel refused the access (EPERM) and how to allow it
     */
    public void copy(int pid, long local, long remote, long length) throws IOException {
        transfer(SYS_PROCESS_VM_WRITEV, "process_vm_writev", pid, local, remote, length);
    }

    /**
     * Copies {@code length} bytes from {@code remote} in process {@code pid} to {@code local} here
     * (process_vm_readv: {@code cma:split}'s receiver reads its part), looping over partial transfers.
     *
     * @throws IOException as {@link #copy}
     */
    public void read(int pid, long local, long remote, long length) throws IOException {
        transfer(SYS_PROCESS_VM_READV, "process_vm_readv", pid, local, remote, length);
    }

    private void transfer(long call, String name, int pid, long local, long remote, long length) throws IOException {
        long done = 0;
        while (done < length) {
            iovecs.putLong(0, local + done);
            iovecs.putLong(8, length - done);
            iovecs.putLong(16, remote + done);
            iovecs.putLong(24, length - done);
            long n = Errors.expecting(LibC.syscall(call, pid, iovecs.address(), 1, iovecs.address() + 16, 1, 0),
                    Errno.ESRCH, Errno.EPERM, name, "pid %d, %d bytes", pid, length - done);
            if (n > 0) {
                done += n;
                continue;
            }
            if (n == Errors.INTERRUPTED) {
                continue;
            }
            if (n == -Errno.ESRCH) {
                throw new IOException(transport + ": the other side is gone (" + name + (call == SYS_PROCESS_VM_WRITEV ? " to" : " from")
                        + " pid " + pid + ": ESRCH)");
            }
            if (n == -Errno.EPERM) {
                throw new IOException(refusal(name + (call == SYS_PROCESS_VM_WRITEV ? " into" : " from"), pid));
            }
            throw new NativeException(name, "pid " + pid + ", " + (length - done) + " bytes at 0x" + Long.toHexString(remote + done),
                    0, "copied nothing");
        }
    }

    /** The one line that says why the kernel refused {@code call} ("process_vm_writev into") (EPERM) and how to allow it. */
    String refusal(String call, int pid) {
        String scope = KernelLimits.read("kernel.yama.ptrace_scope"); // "?" where Yama is absent
        return transport + ": " + call + " pid " + pid + " was refused (EPERM): this process may not ptrace its peer"
                + " (PTRACE_MODE_ATTACH: same user, a dumpable peer, CAP_SYS_PTRACE for anything else"
                + (scope.equals("?") ? "" : ", kernel.yama.ptrace_scope = " + scope) + "); allow it by running both sides as one user"
                + " with kernel.yama.ptrace_scope at 0 or 1 (the initiator already names its peer with prctl(PR_SET_PTRACER), which"
                + " 1 needs), or by granting CAP_SYS_PTRACE (docker run --cap-add=SYS_PTRACE); a peer that made itself non-dumpable"
                + " (prctl(PR_SET_DUMPABLE, 0)) refuses everyone without that capability";
    }

    /**
     * Lets process {@code pid} ptrace this one (Yama's prctl(PR_SET_PTRACER)), which
     * {@code kernel.yama.ptrace_scope = 1} requires when the tracer is not an ancestor (the peer
     * writing into its parent, the initiator). A kernel without Yama has nothing to allow
     * (EINVAL), so the outcome is not checked: a refusal still shows at the first copy.
     */
    public static void allowPtracer(long pid) {
        LibC.syscall(SYS_PRCTL, PR_SET_PTRACER, pid, 0, 0);
    }
}
