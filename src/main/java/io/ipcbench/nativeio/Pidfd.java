package io.ipcbench.nativeio;

import com.sun.jna.LastErrorException;

/**
 * Takes a copy of another process's open descriptor: pidfd_open (434 on x86_64) then pidfd_getfd
 * (438). The kernel allows it only to a process that may ptrace the other (same user, and Yama's
 * ptrace_scope where present: 1, the common setting, lets a parent take from its child, not the
 * reverse); containers' seccomp profiles commonly allow it only with CAP_SYS_PTRACE.
 */
public final class Pidfd {
    private static final long SYS_PIDFD_OPEN = Syscall.PIDFD_OPEN.number();
    private static final long SYS_PIDFD_GETFD = Syscall.PIDFD_GETFD.number();

    private Pidfd() {
    }

    /** Copies of {@code fds} of process {@code pid}, close-on-exec, in the same order. */
    public static int[] take(long pid, int[] fds, Object what) {
        int pidfd;
        try {
            pidfd = (int) LibC.syscall(SYS_PIDFD_OPEN, pid, 0, 0);
        } catch (LastErrorException e) {
            throw NativeException.of("pidfd_open", "pid " + pid, e);
        }
        int[] taken = new int[fds.length];
        int done = 0;
        try {
            for (; done < fds.length; done++) {
                taken[done] = (int) LibC.syscall(SYS_PIDFD_GETFD, pidfd, fds[done], 0);
            }
            return taken;
        } catch (LastErrorException e) {
            for (int i = 0; i < done; i++) {
                Sys.close(taken[i]);
            }
            NativeException failed = NativeException.of("pidfd_getfd", what + " fd " + fds[done] + " of pid " + pid, e);
            throw e.getErrorCode() == Errno.EPERM
                    ? failed.withHint("taking another process's descriptor needs ptrace access to it (same user; kernel.yama.ptrace_scope"
                            + " at most 1 for a parent taking from its child; CAP_SYS_PTRACE where a container's seccomp profile asks for it)")
                    : failed;
        } finally {
            Sys.close(pidfd);
        }
    }
}
