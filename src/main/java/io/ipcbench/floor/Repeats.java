package io.ipcbench.floor;

import org.apache.commons.math3.stat.StatUtils;

/**
 * How every floor probe turns samples into one figure: a warm-up repeat (JIT compilation, caches,
 * the CPUs leaving idle), discarded; then up to {@link #MEASURED} repeats, each summarised by the
 * median of its samples; the figure is the median of those medians. A preempted or stolen moment
 * spoils a few samples of one repeat and moves no median. Everything stops at the probe's deadline,
 * keeping the repeats finished by then.
 */
final class Repeats {
    static final int MEASURED = 3;

    private Repeats() {
    }

    /** One repeat: fills {@code samples} from index 0 and returns how many it took before {@code deadline}. */
    interface Repeat {
        int into(double[] samples, long deadline);
    }

    static double medianOfMedians(String what, int samplesPerRepeat, long deadline, Repeat repeat) {
        double[] samples = new double[samplesPerRepeat];
        repeat.into(samples, deadline);
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
}
