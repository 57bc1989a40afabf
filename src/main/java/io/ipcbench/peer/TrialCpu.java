package io.ipcbench.peer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the running trial's CPU time is read: the whole initiator process (the JMH fork) and the
 * whole peer process, the same measure on both sides, from {@code /proc/PID/task/TID/schedstat}
 * (nanoseconds on CPU, unlike the 10 ms ticks of {@code /proc/.../stat}). Whole processes, so that
 * what a mechanism makes either side's JVM do (a spinning thread, a signal, JIT or GC work it
 * causes) counts alike; in a measured iteration JMH's own threads of the fork are idle.
 *
 * <p>JMH runs a trial's tear-down inside its last measured iteration, before profilers read it. So
 * when the trial ends, the readings are frozen at that moment ({@link #leave()}): the last
 * iteration's window ends where its operations ended, and keeps its CPU figures. One trial runs
 * per JMH fork, so one static slot is enough.
 */
public final class TrialCpu {
    private static volatile TrialCpu current;
    /** The last trial entered in this JVM, also after it ended, for the profiler's last reading. */
    private static volatile TrialCpu latest;

    private final long initiatorPid;
    private final long peerPid;
    private final int messagesPerOp;
    private final int initiatorTid;
    private final Frozen base;
    private volatile Frozen frozen;

    private record Frozen(long initiatorNanos, long peerNanos, long wallNanos) {
    }

    private TrialCpu(int initiatorTid, long peerPid, int messagesPerOp) {
        this.initiatorPid = ProcessHandle.current().pid();
        this.initiatorTid = initiatorTid;
        this.peerPid = peerPid;
        this.messagesPerOp = messagesPerOp;
        this.base = new Frozen(processNanos(initiatorPid), processNanos(peerPid), System.nanoTime());
    }

    /** The calling thread now drives a trial whose ops move {@code messagesPerOp} messages. */
    static void enter(int tid, long peerPid, int messagesPerOp) {
        TrialCpu now = current;
        // the same thread again (every iteration's set-up) keeps the profiler's base valid
        if (now == null || now.initiatorTid != tid || now.peerPid != peerPid) {
            current = new TrialCpu(tid, peerPid, messagesPerOp);
            latest = current;
        }
    }

    /** The trial ends: freeze the readings (before its peer is stopped) and free the slot. */
    static void leave() {
        TrialCpu ending = current;
        if (ending != null && ending.frozen == null) {
            ending.frozen = new Frozen(processNanos(ending.initiatorPid), processNanos(ending.peerPid), System.nanoTime());
        }
        current = null;
    }

    /** The trial this JVM ran last, running or ended; null before the first. */
    public static TrialCpu latest() {
        return latest;
    }

    /** True once the trial has ended and its readings are frozen. */
    public boolean ended() {
        return frozen != null;
    }

    /** Readings when the trial started: the base of an iteration that began before its trial (JMH runs the set-up inside it). */
    public long initiatorNanosAtStart() {
        return base.initiatorNanos();
    }

    public long peerNanosAtStart() {
        return base.peerNanos();
    }

    public long wallNanosAtStart() {
        return base.wallNanos();
    }

    /** A round trip moves two messages (one each way), a streamed op one. */
    public int messagesPerOp() {
        return messagesPerOp;
    }

    /** Nanoseconds all threads of the initiator process have run, frozen when the trial ended. */
    public long initiatorNanos() {
        Frozen f = frozen;
        return f != null ? f.initiatorNanos() : processNanos(initiatorPid);
    }

    /** Nanoseconds all threads of the peer process have run (its spinning, JIT and GC alike), frozen when the trial ended. */
    public long peerNanos() {
        Frozen f = frozen;
        return f != null ? f.peerNanos() : processNanos(peerPid);
    }

    /** {@link System#nanoTime()} now, or when the trial ended. */
    public long wallNanos() {
        Frozen f = frozen;
        return f != null ? f.wallNanos() : System.nanoTime();
    }

    /** Sum over the process's threads of their time on a CPU; -1 if the process is gone. */
    private static long processNanos(long pid) {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                long nanos = schedstat(task.resolve("schedstat"));
                if (nanos > 0) {
                    total += nanos; // a thread that ended while we listed has taken its time with it
                }
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
