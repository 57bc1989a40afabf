package io.ipcbench.floor;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ipcbench.nativeio.Sys;

/**
 * One side of a floor probe: a thread of its own pinned to one CPU. The caller's thread is never
 * pinned (the launcher's main thread must stay free to run anywhere). {@code onExit} runs on the
 * thread whatever happens — even when pinning fails — so that it can release the partner (write
 * the stop value, close the pipe end the partner reads), and no side waits for one that never came.
 */
final class PinnedThread<T> {
    /** A body that has returned leaves its thread within moments. */
    private static final long ENDING_MILLIS = 1_000;
    private final String role;
    private final int cpu;
    private final FutureTask<T> task;
    private final Thread thread;

    private PinnedThread(String role, int cpu, FutureTask<T> task) {
        this.role = role;
        this.cpu = cpu;
        this.task = task;
        this.thread = new Thread(task, "ipc-bench-floor-" + role.replace(' ', '-'));
        thread.setDaemon(true); // a probe stuck past its deadline must never keep the JVM alive
    }

    static <T> PinnedThread<T> start(String role, int cpu, Callable<T> body, Runnable onExit) {
        PinnedThread<T> pinned = new PinnedThread<>(role, cpu, new FutureTask<>(() -> {
            try {
                Sys.pinCurrentThread(cpu);
                return body.call();
            } finally {
                onExit.run();
            }
        }));
        pinned.thread.start();
        return pinned;
    }

    /**
     * The body's result, waiting until {@code deadline} ({@link System#nanoTime()}); a failure is an
     * {@link IllegalStateException} whose message says what went wrong on which CPU.
     */
    T await(long deadline) {
        try {
            return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the " + role + " on CPU " + cpu + " did not finish in time");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            throw new IllegalStateException(cause instanceof IllegalStateException ? message
                    : "the " + role + " on CPU " + cpu + " failed: " + message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the " + role);
        }
    }

    /**
     * A two-thread probe's figure: the measuring side's result, once the partner has ended too (a
     * partner that failed, e.g. could not pin, is the cause and its failure is the one reported).
     * {@code release} frees what both used, and runs only if both threads are gone by then.
     */
    static <T> T awaitBoth(PinnedThread<T> measuring, PinnedThread<?> partner, long lastResort, Runnable release) {
        try {
            T result = measuring.await(lastResort);
            partner.await(lastResort);
            return result;
        } catch (IllegalStateException e) {
            partner.await(lastResort);
            throw e;
        } finally {
            if (measuring.ended() && partner.ended()) {
                release.run();
            }
        }
    }

    /** True once the thread has ended (waiting a moment for it after {@link #await}), so that what it used may be freed. */
    boolean ended() {
        try {
            thread.join(ENDING_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
