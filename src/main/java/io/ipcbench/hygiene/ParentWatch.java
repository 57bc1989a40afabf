package io.ipcbench.hygiene;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends this JVM soon after the process that started it is gone, however that one died (SIGKILL
 * included, which no hook of the parent can answer). The JVM exits through {@link System#exit}, so
 * its shutdown hooks run and remove what it created. Each link of a run watches the one above it:
 * the launcher watches Maven, the JMH fork watches the launcher, the peer watches the fork, so
 * killing any of them ends all those below it within a few polls.
 *
 * <p>The parent is gone when we have been handed to another parent (the kernel does that the moment
 * it exits) or when it has exited as {@link ProcessState} sees it; not when
 * {@link ProcessHandle#isAlive()} says so, which counts a zombie alive until it is reaped (by init,
 * seconds later in some sandboxes).
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
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread watcher = new Thread(() -> {
            while (!isGone(parent)) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println(who + ": the process that started it (pid " + parent.pid() + ") is gone; exiting");
            System.exit(exitCode);
        }, "ipc-bench-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static boolean isGone(ProcessHandle parent) {
        long currentParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        return currentParent != parent.pid() || !parent.isAlive() || ProcessState.hasExited(parent.pid());
    }

    /** True in a JVM that JMH forked to run benchmarks (its main class is JMH's ForkedMain). */
    public static boolean isJmhFork() {
        return System.getProperty("sun.java.command", "").startsWith("org.openjdk.jmh.runner.ForkedMain");
    }
}
