package io.ipcbench.floor;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, briefly, until the JIT compilers have nothing left to do, so that the floor's probes are
 * compiled as soon as they run hot. A launcher that has just parsed its options and loaded JMH has
 * a queue of methods waiting for C2; the probes' own methods joined that queue behind them, and
 * with both CPUs held by the probes' spinning threads the compiler got little CPU: the cache-line
 * round trip was measured in C1's code, 173-183 ns at the start of a run against ~90 ns at its end
 * (the same JVM, by then compiled), while the stream figure, a native copy, did not move.
 * Idle means the compilers' total time did not grow for two polls in a row.
 */
final class QuietJit {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private QuietJit() {
    }

    /** Returns once the JIT was idle for two polls, or after {@link #MAX_WAIT_NANOS}; at once if this JVM cannot tell. */
    static void await() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long giveUp = System.nanoTime() + MAX_WAIT_NANOS;
        long last = jit.getTotalCompilationTime();
        int idlePolls = 0;
        while (idlePolls < 2 && System.nanoTime() - giveUp < 0) {
            LockSupport.parkNanos(POLL_NANOS);
            long now = jit.getTotalCompilationTime();
            idlePolls = now == last ? idlePolls + 1 : 0;
            last = now;
        }
    }
}
