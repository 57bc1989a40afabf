package io.ipcbench.hygiene;

import java.util.concurrent.atomic.AtomicBoolean;

import io.ipcbench.nativeio.Sys;

/**
 * Ends this JVM soon after the process that started it is gone, however that one died (SIGKILL
 * included, which no hook of the parent can answer). The JVM exits through {@link System#exit}, so
 * its shutdown hooks run and remove what it created. Each link of a run watches the one above it:
 * the launcher watches Maven, the JMH fork watches the launcher, the peer watches the fork, so
 * killing any of them ends all those below it within a few polls.
 *
 * <p>The parent is gone when we have been handed to another parent: the kernel does that the moment
 * it exits, before anyone reaps it. Not when {@link ProcessHandle#isAlive()} says so, which counts a
 * zombie alive until it is reaped (by init, seconds later in some sandboxes). One {@code getppid}
 * per poll: the watch allocates nothing, so it does not show in the benchmarks' {@code -prof gc}.
 *
 * <p>Polling, not {@code prctl(PR_SET_PDEATHSIG)}: that signal follows the parent <em>thread</em>
 * that spawned us, and JMH and the JDK spawn from threads that end long before the run does.
 */
public final class ParentWatch {
    public static final long POLL_MILLIS = 100;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ParentWatch() {
    }

    /**
     * Starts the watch once per JVM; later calls do nothing. On the parent's death prints
     * {@code "<who>: the process that started it (pid N) is gone; exiting"} and exits with {@code exitCode}.
     */
    public static void exitWhenParentDies(String who, int exitCode) {
        int parent = Sys.getppid();
        if (parent <= 1 || !STARTED.compareAndSet(false, true)) {
            return; // already an orphan: there is no parent left to watch
        }
        Thread watcher = new Thread(() -> {
            while (Sys.getppid() == parent) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println(who + ": the process that started it (pid " + parent + ") is gone; exiting");
            System.exit(exitCode);
        }, "ipc-bench-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** True in a JVM that JMH forked to run benchmarks (its main class is JMH's ForkedMain). */
    public static boolean isJmhFork() {
        return System.getProperty("sun.java.command", "").startsWith("org.openjdk.jmh.runner.ForkedMain");
    }
}
