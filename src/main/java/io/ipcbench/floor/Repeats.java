package io.ipcbench.floor;

import org.apache.commons.math3.stat.StatUtils;

/**
 * How every floor probe turns samples into one figure: warm-up repeats (JIT compilation, caches,
 * the CPUs leaving idle), discarded, until two in a row agree within {@link #STEADY} or a third of
 * the time left is spent; then up to {@link #MEASURED} repeats, each summarised by the median of
 * its samples; the figure is the median of those medians. A preempted or stolen moment spoils a
 * few samples of one repeat and moves no median; a repeat half run in the interpreter's or C1's
 * code would move one, which is why the warm-up waits for a steady figure rather than counting.
 * Everything stops at the probe's deadline, keeping the repeats finished by then.
 */
final class Repeats {
    static final int MEASURED = 3;
    /** {@link #lowestMedian}'s repeats at most: ~10 ms each in the fast placement, ~40 in the slow one. */
    static final int MOST_REPEATS = 30;
    /** Two warm-up repeats whose medians differ by less than this share are taken as steady. */
    static final double STEADY = 0.05;

    private Repeats() {
    }

    /** One repeat: fills {@code samples} from index 0 and returns how many it took before {@code deadline}. */
    interface Repeat {
        int into(double[] samples, long deadline);
    }

    static double medianOfMedians(String what, int samplesPerRepeat, long deadline, Repeat repeat) {
        double[] samples = new double[samplesPerRepeat];
        warmUp(samples, deadline, repeat);
        double[] medians = new double[MEASURED];
        int done = 0;
        while (done < MEASURED && System.nanoTime() - deadline < 0) {
            int count = repeat.into(samples, deadline);
            if (count == 0) {
                break;
            }
            medians[done++] = StatUtils.percentile(samples, 0, count, 50);
        }
        if (done == 0) {
            throw new IllegalStateException("the " + what + " took no sample in the time allowed: the machine is too busy");
        }
        return StatUtils.percentile(medians, 0, done, 50);
    }

    /**
     * For a probe that the JIT can slow but nothing can speed up (the cache-line round trip: a few
     * instructions a round trip, so C1's code takes twice as long as C2's): after the warm-up,
     * repeats until the deadline (at most {@link #MOST_REPEATS}), and the lowest of their medians.
     * A launcher's start-up compilations can hold the probe's methods in C2's queue for longer than
     * any warm-up that looks steady (a quarter of the forks of one scripts/ab run read 172–242 ns at
     * their start against 73–93 at their end, the stream figure unmoved); the best repeat is the
     * one that ran in the compiled code. Interference only ever makes a repeat slower.
     */
    static double lowestMedian(String what, int samplesPerRepeat, long deadline, Repeat repeat) {
        double[] samples = new double[samplesPerRepeat];
        warmUp(samples, deadline, repeat);
        double lowest = Double.NaN;
        for (int done = 0; done < MOST_REPEATS && System.nanoTime() - deadline < 0; done++) {
            int count = repeat.into(samples, deadline);
            if (count == 0) {
                break;
            }
            double median = StatUtils.percentile(samples, 0, count, 50);
            lowest = Double.isNaN(lowest) ? median : Math.min(lowest, median);
        }
        if (Double.isNaN(lowest)) {
            throw new IllegalStateException("the " + what + " took no sample in the time allowed: the machine is too busy");
        }
        return lowest;
    }

    /** Warm-up repeats until two in a row agree within {@link #STEADY}, or a third of the time to {@code deadline} is spent. */
    private static void warmUp(double[] samples, long deadline, Repeat repeat) {
        long now = System.nanoTime();
        long warmUntil = now + (deadline - now) / 3;
        double previous = Double.NaN;
        while (System.nanoTime() - warmUntil < 0) {
            int count = repeat.into(samples, warmUntil);
            if (count == 0) {
                return;
            }
            double median = StatUtils.percentile(samples, 0, count, 50);
            if (Math.abs(median - previous) < STEADY * Math.min(median, previous)) {
                return;
            }
            previous = median;
        }
    }
}
