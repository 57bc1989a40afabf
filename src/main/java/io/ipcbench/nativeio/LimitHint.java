package io.ipcbench.nativeio;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which kernel limit a failed create call ran into, as a clause for its error message: the
 * setting's name and value, what the call asked for, and what to change. Each hint follows the
 * order in which the kernel checks its limits (ipc/shm.c {@code newseg}, ipc/mqueue.c), so it names
 * the limit that refused and not a neighbour that merely shares the errno: ENOSPC from shmget is
 * kernel.shmall only if this request would exceed it, else kernel.shmmni. The limits come in as
 * arguments, read from /proc when the call has failed, so tests can give any values.
 */
public final class LimitHint {
    private static final String REMOVE_SEGMENTS = " (or remove unused segments: ipcs -m)";
    private static final String REMOVE_QUEUES = " (or remove unused queues, listed in /dev/mqueue where it is mounted)";

    private LimitHint() {
    }

    /** shmget's limits, and the segments that count against them, when it failed; -1 where unknown. */
    public record ShmState(long shmmax, long shmallPages, long shmmni, long segments, long pagesInUse, long pageSize,
            String overcommit) {
        /** Sysctls from /proc/sys; the segments and their pages from /proc/sysvipc/shm (all users'). */
        static ShmState read() {
            long pageSize = Sys.pageSize();
            long segments = 0;
            long pagesInUse = 0;
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/sysvipc/shm"));
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    segments++;
                    pagesInUse += (Long.parseLong(fields[3]) + pageSize - 1) / pageSize; // the size column, in bytes
                }
            } catch (IOException | RuntimeException e) {
                segments = -1;
                pagesInUse = -1;
            }
            return new ShmState(limit(KernelLimits.SHMMAX), limit(KernelLimits.SHMALL), limit(KernelLimits.SHMMNI), segments,
                    pagesInUse, pageSize, KernelLimits.read("vm.overcommit_memory"));
        }
    }

    /** mq_open's limits, and the descriptors that count against them, when it failed; -1 where unknown. */
    public record MqState(long msgMax, long msgsizeMax, long queuesMax, long queueBytesMax, long openFds, long openFdsMax) {
        static MqState read() {
            String[] fds = new File("/proc/self/fd").list(); // listing it takes one descriptor more
            return new MqState(limit(KernelLimits.MQ_MSG_MAX), limit(KernelLimits.MQ_MSGSIZE_MAX), limit(KernelLimits.MQ_QUEUES_MAX),
                    KernelLimits.processLimit(KernelLimits.RLIMIT_MSGQUEUE), fds == null ? -1 : fds.length - 1,
                    KernelLimits.processLimit(KernelLimits.RLIMIT_NOFILE));
        }
    }

    /** For a shmget of {@code size} bytes that failed with {@code errno}; "" if no limit explains it. */
    public static String shmget(int errno, long size, ShmState state) {
        return switch (errno) {
            case Errno.EINVAL -> state.shmmax() >= 0 && size > state.shmmax()
                    ? KernelLimits.SHMMAX + " = " + state.shmmax() + " bytes is less than the " + size + " asked for; raise " + KernelLimits.SHMMAX
                    : "";
            case Errno.ENOMEM -> "the kernel would not commit " + size + " bytes of memory (vm.overcommit_memory = " + state.overcommit() + ")";
            case Errno.ENOSPC -> shmgetNoSpace((size + state.pageSize() - 1) / state.pageSize(), state);
            default -> "";
        };
    }

    private static String shmgetNoSpace(long pages, ShmState state) {
        String shmall = KernelLimits.SHMALL + " = " + state.shmallPages() + " pages";
        String shmmni = KernelLimits.SHMMNI + " = " + state.shmmni();
        if (state.segments() < 0 || state.shmallPages() < 0 || state.shmmni() < 0) {
            return shmmni + " (segments at most) or " + shmall + " (their pages at most) was reached" + REMOVE_SEGMENTS;
        }
        // newseg() counts the pages first, then takes an id
        if (state.pagesInUse() + pages > state.shmallPages()) {
            return shmall + ": " + state.pagesInUse() + " are in use and this segment needs " + pages + "; raise " + KernelLimits.SHMALL
                    + REMOVE_SEGMENTS;
        }
        if (state.segments() >= state.shmmni()) {
            return shmmni + ": every segment id is taken (" + state.segments() + " segments exist); raise " + KernelLimits.SHMMNI
                    + REMOVE_SEGMENTS;
        }
        // a segment went away between the failure and the look at /proc
        return shmmni + " (" + state.segments() + " segments exist) or " + shmall + " (" + state.pagesInUse() + " in use) was reached"
                + REMOVE_SEGMENTS;
    }

    /** For an mq_open creating {@code maxMessages} × {@code messageSize} bytes that failed with {@code errno}; "" if no limit explains it. */
    public static String mqOpen(int errno, long maxMessages, long messageSize, MqState state) {
        return switch (errno) {
            case Errno.EINVAL -> KernelLimits.MQ_MSGSIZE_MAX + " = " + state.msgsizeMax() + ", " + KernelLimits.MQ_MSG_MAX + " = "
                    + state.msgMax() + " (asked for " + maxMessages + " messages of " + messageSize + " bytes)";
            case Errno.ENOSPC -> KernelLimits.MQ_QUEUES_MAX + " = " + state.queuesMax() + ": no more POSIX queues may exist on this machine"
                    + " (root is exempt); raise " + KernelLimits.MQ_QUEUES_MAX + REMOVE_QUEUES;
            case Errno.EMFILE -> mqOpenTooMany(maxMessages * messageSize, state);
            default -> "";
        };
    }

    /** EMFILE is either limit: the descriptor is taken first, then the queue's memory is counted. */
    private static String mqOpenTooMany(long queueBytes, MqState state) {
        String memory = "RLIMIT_MSGQUEUE (ulimit -q) = " + state.queueBytesMax() + " bytes caps this user's POSIX queues, and this one needs "
                + queueBytes + " more; raise it" + REMOVE_QUEUES;
        String descriptors = "RLIMIT_NOFILE (ulimit -n) = " + state.openFdsMax() + " descriptors";
        if (state.openFds() < 0 || state.openFdsMax() < 0) {
            return memory + "; or " + descriptors + " are open";
        }
        return state.openFds() >= state.openFdsMax() ? descriptors + " are open; raise it" : memory;
    }

    /**
     * For an F_SETPIPE_SZ of {@code bytes} that failed with {@code errno}: beyond fs.pipe-max-size
     * only a privileged user may go (EPERM), and a user's pipes together may hold only
     * fs.pipe-user-pages-soft pages once that is reached; "" if neither explains it.
     */
    static String pipeSize(int errno, long bytes) {
        return switch (errno) {
            case Errno.EPERM -> KernelLimits.PIPE_MAX_SIZE + " = " + KernelLimits.read(KernelLimits.PIPE_MAX_SIZE)
                    + " bytes caps an unprivileged pipe below the " + bytes + " asked for (or this user's pipes reached"
                    + " fs.pipe-user-pages-soft); raise it, or ask for less with -p capacity=";
            case Errno.ENOMEM -> "the kernel had no " + bytes + " bytes for the pipe's buffer";
            default -> "";
        };
    }

    /** A sysctl as a number; "no limit" values beyond a long (kernel.shmmax) as Long.MAX_VALUE; -1 if unreadable. */
    private static long limit(String sysctl) {
        try {
            long value = Long.parseUnsignedLong(KernelLimits.read(sysctl));
            return value < 0 ? Long.MAX_VALUE : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
