package io.ipcbench.report;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The smallest slowdown a row can detect with the pairs it ran: the true factor at which the
 * row's corrected interval lies above +limit with probability {@link #POWER}. With per-pair log
 * ratios of standard deviation sd (best from an A/A run, where only noise moves them) and n pairs,
 * MDE = exp(log(1 + limit) + (t<sub>1 − α/(2m)</sub> + t<sub>power</sub>) · sd / √n) − 1,
 * t with n − 1 degrees of freedom and α/m the strictest Holm step over the m rows tested (so the
 * figure holds whichever rank the row takes). A row whose MDE is more than {@link #NOISY_FACTOR}
 * times the limit is too noisy for the limit asked: a slowdown of twice the limit could pass unseen.
 */
public final class DetectableEffect {
    public static final double POWER = 0.8;
    public static final double NOISY_FACTOR = 2;

    private DetectableEffect() {
    }

    /** The MDE as a fraction (0.12 = 12 % slower); NaN with fewer than two pairs or no sd. */
    public static double of(double sd, int pairs, double limit, double alpha, int rowsTested) {
        if (pairs < 2 || Double.isNaN(sd)) {
            return Double.NaN;
        }
        return ofStandardError(sd / Math.sqrt(pairs), pairs - 1, limit, alpha, rowsTested);
    }

    /**
     * The same from a standard error and its degrees of freedom, for an effect that is not a mean of
     * pairs: scripts/compare's difference of two sets' mean log fork scores (Welch).
     */
    public static double ofStandardError(double se, double degreesOfFreedom, double limit, double alpha, int rowsTested) {
        if (Double.isNaN(se) || !(degreesOfFreedom > 0)) {
            return Double.NaN;
        }
        TDistribution t = new TDistribution(degreesOfFreedom);
        double z = t.inverseCumulativeProbability(1 - alpha / (2.0 * Math.max(1, rowsTested))) + t.inverseCumulativeProbability(POWER);
        return Math.exp(Math.log1p(limit) + z * se) - 1;
    }

    /** True when the row cannot reliably see a slowdown of twice the limit. */
    public static boolean noisy(double mde, double limit) {
        return !Double.isNaN(mde) && mde > NOISY_FACTOR * limit;
    }
}
