package io.ipcbench.peer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ipcbench.nativeio.Sys;

/**
 * Where the running trial's CPU time is read: the initiator's measuring thread and the whole peer
 * process, from {@code /proc/.../schedstat} (nanoseconds on CPU, unlike the 10 ms ticks of
 * {@code /proc/.../stat}). One trial runs per JMH fork, so one static slot is enough.
 */
public final class TrialCpu {
    private static volatile TrialCpu current;

    private final int initiatorTid;
    private final long peerPid;
    private final int messagesPerOp;

    private TrialCpu(int initiatorTid, long peerPid, int messagesPerOp) {
        this.initiatorTid = initiatorTid;
        this.peerPid = peerPid;
        this.messagesPerOp = messagesPerOp;
    }

    /** The calling thread now measures a trial whose ops move {@code messagesPerOp} messages. */
    static void enter(long peerPid, int messagesPerOp) {
        int tid = Sys.gettid();
        TrialCpu now = current;
        // the same thread again (every iteration's set-up) keeps the profiler's base valid
        if (now == null || now.initiatorTid != tid || now.peerPid != peerPid) {
            current = new TrialCpu(tid, peerPid, messagesPerOp);
        }
    }

    static void leave() {
        current = null;
    }

    /** The trial running in this JVM, or null. */
    public static TrialCpu current() {
        return current;
    }

    /** A round trip moves two messages (one each way), a streamed op one. */
    public int messagesPerOp() {
        return messagesPerOp;
    }

    /** Nanoseconds the measuring thread has run. */
    public long initiatorNanos() {
        return schedstat(Path.of("/proc/self/task", Integer.toString(initiatorTid), "schedstat"));
    }

    /** Nanoseconds all threads of the peer process have run (its spinning, JIT and GC alike). */
    public long peerNanos() {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(peerPid), "task"))) {
            for (Path task : tasks) {
                total += schedstat(task.resolve("schedstat"));
            }
        } catch (IOException gone) {
            return -1;
        }
        return total;
    }

    /** First field of a schedstat file: time spent on the CPU, in ns; -1 if the task is gone. */
    private static long schedstat(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim().split("\\s+")[0]);
        } catch (IOException | NumberFormatException gone) {
            return -1;
        }
    }
}
