package io.ipcbench.peer;

import org.HdrHistogram.Histogram;

import io.ipcbench.nativeio.Sys;

/**
 * A peer stopped once for a known time (SIGSTOP, then SIGCONT from another thread), for the
 * coordinated-omission tests: the stall is the test's, nothing in the peer's code knows of it.
 */
final class PeerStall {
    private static final int SIGCONT = 18;
    private static final int SIGSTOP = 19;

    private final Thread stopper;
    private volatile long stopped;
    private volatile long resumed;

    /** Stops process {@code pid} {@code afterMillis} after {@link #start()}, for {@code stallMillis}. */
    PeerStall(long pid, long afterMillis, long stallMillis) {
        this.stopper = new Thread(() -> {
            sleep(afterMillis);
            stopped = System.nanoTime();
            Sys.tgkill((int) pid, (int) pid, SIGSTOP);
            sleep(stallMillis);
            Sys.tgkill((int) pid, (int) pid, SIGCONT);
            resumed = System.nanoTime();
        }, "stall-the-peer");
    }

    void start() {
        stopper.start();
    }

    /** Waits for the stall to be over and returns how long it was, in nanoseconds. */
    long join() throws InterruptedException {
        stopper.join();
        return resumed - stopped;
    }

    /** Values of {@code nanos} or more in {@code histogram}. */
    static long above(Histogram histogram, long nanos) {
        return histogram.getTotalCount() - histogram.getCountBetweenValues(0, nanos - 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
