package io.ipcbench.report;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * A change between two versions as the gate judges it: an estimate on the log scale, oriented so
 * that positive is slower (see {@link Direction}), with its standard error and degrees of freedom.
 * Logarithms because a slowdown is a factor, not an amount, and because the log of a ratio is
 * symmetric (×1.25 and ×0.8 are equally far from 1).
 *
 * <p>The interval is a Student-t interval, not a bootstrap: with the 3–20 samples a gate can afford,
 * a percentile bootstrap undercovers (at n = 3 its 95 % interval of the median is the smallest and
 * largest value, which covers 75 %), while t is exact for normal logs and close for the mildly
 * skewed log ratios measured here. Two constructions:
 * <ul>
 * <li>{@link #paired}: base and candidate forks measured side by side, one log ratio per pair; the
 * effect is the mean log ratio, se = sd / √n, n − 1 degrees of freedom. Pairing cancels what the
 * machine did to both forks of a pair (the host moving the vCPUs between pairs).</li>
 * <li>{@link #welch}: two independent sets of per-fork scores (scripts/compare); the effect is the
 * difference of the mean log scores with Welch's standard error and Welch–Satterthwaite degrees of
 * freedom, since the two sets need not be equally noisy.</li>
 * </ul>
 *
 * @param estimate the effect on the log scale: log(slowdown factor); positive is slower
 * @param standardError its standard error; NaN when there are too few samples to tell
 * @param degreesOfFreedom for the t quantiles
 * @param samples pairs (paired) or the smaller side's forks (Welch)
 */
public record LogEffect(double estimate, double standardError, double degreesOfFreedom, int samples) {

    /** From per-pair slowdown logs (positive = candidate slower). */
    public static LogEffect paired(double[] slowdownLogs) {
        int n = slowdownLogs.length;
        if (n == 0) {
            return new LogEffect(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = StatUtils.mean(slowdownLogs);
        double se = n < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(slowdownLogs) / n);
        return new LogEffect(mean, se, n - 1, n);
    }

    /**
     * From two independent sets of positive per-fork scores.
     *
     * @param higherIsSlower the mode's direction ({@link Direction#higherIsSlower})
     */
    public static LogEffect welch(double[] baseline, double[] candidate, boolean higherIsSlower) {
        double[] b = logs(baseline);
        double[] c = logs(candidate);
        int n = Math.min(b.length, c.length);
        if (n == 0) {
            return new LogEffect(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double difference = StatUtils.mean(c) - StatUtils.mean(b);
        double estimate = higherIsSlower ? difference : -difference;
        if (n < 2) {
            return new LogEffect(estimate, Double.NaN, Double.NaN, n);
        }
        double vb = StatUtils.variance(b) / b.length;
        double vc = StatUtils.variance(c) / c.length;
        double se = Math.sqrt(vb + vc);
        double df = se == 0 ? b.length + c.length - 2
                : (vb + vc) * (vb + vc) / (vb * vb / (b.length - 1) + vc * vc / (c.length - 1));
        return new LogEffect(estimate, se, df, n);
    }

    /** True when there are enough samples for an interval at all (two or more). */
    public boolean estimable() {
        return !Double.isNaN(standardError) && !Double.isNaN(estimate);
    }

    /** {low, high} on the log scale at this two-sided confidence; NaNs when not estimable. */
    public double[] interval(double confidence) {
        if (!estimable()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double half = standardError == 0 ? 0 : quantile(1 - (1 - confidence) / 2) * standardError;
        return new double[] {estimate - half, estimate + half};
    }

    /**
     * The p-value of "the change lies beyond the minimum effect", on the side the estimate points
     * to, made two-sided (doubled) so that p &lt; α is exactly "the (1 − α) interval lies entirely
     * above log(1 + limit)" or "entirely below −log(1 + limit)". 1 when not estimable.
     *
     * @param limit minimum effect as a fraction (0.05 = 5 %)
     */
    public double pBeyond(double limit) {
        if (!estimable()) {
            return 1;
        }
        double bound = Math.log1p(limit);
        if (standardError == 0) {
            return Math.abs(estimate) > bound ? 0 : 1;
        }
        TDistribution t = new TDistribution(degreesOfFreedom);
        double slower = 1 - t.cumulativeProbability((estimate - bound) / standardError);
        double faster = t.cumulativeProbability((estimate + bound) / standardError);
        return Math.min(1, 2 * Math.min(slower, faster));
    }

    /** True when the (1 − α) interval lies entirely inside (−log(1 + limit), log(1 + limit)). */
    public boolean within(double limit, double alpha) {
        double[] ci = interval(1 - alpha);
        double bound = Math.log1p(limit);
        return estimable() && ci[0] > -bound && ci[1] < bound;
    }

    /** The estimate as a factor: 1.08 = 8 % slower. */
    public double factor() {
        return Math.exp(estimate);
    }

    private double quantile(double p) {
        return new TDistribution(degreesOfFreedom).inverseCumulativeProbability(p);
    }

    private static double[] logs(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(Math.max(values[i], Double.MIN_NORMAL));
        }
        return logs;
    }
}
