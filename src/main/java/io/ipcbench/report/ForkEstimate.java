package io.ipcbench.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * A figure as the reports quote it: the median over forks of a per-fork value, with a 95 %
 * interval. Forks are the samples (docs/measurement.md, "Measurement"): the variance between JVMs — JIT decisions, where the
 * host put the vCPUs — is larger than within one, so iterations of one fork never count as
 * independent samples here.
 *
 * <p>The interval is a Student-t interval on the mean of the logarithms of the per-fork values,
 * turned back with exp. Why this and not a bootstrap over forks: with the 3 forks a profile can
 * afford, a bootstrap of the median can only ever return one of the three values, and its 2.5 %
 * and 97.5 % quantiles are simply the smallest and largest fork — an interval that covers the
 * median of the fork distribution only 75 % of the time (1 − 2 · 0.5³), while claiming 95 %. The
 * t-interval is honest at n = 3 (t = 4.30 makes it wide, as it should be), assuming the logs are
 * roughly normal. Logarithms because these values are positive and skewed (a slow fork is slow by a
 * factor, not by an amount) and because a ratio is what two rows are compared by. The interval is
 * for the typical fork (the geometric mean of the fork values); the point quoted is the median over
 * forks, which lies inside it for up to 6 forks whatever the values (on the log scale the median is
 * within one standard deviation s of the mean, and t · s / √n ≥ s for n ≤ 6). With fewer than
 * {@link #MIN_FORKS} forks there is no interval. The per-fork values are kept ({@code values}) for
 * the tests that compare figures fork by fork ({@link Verdict}).
 */
public record ForkEstimate(double median, double low, double high, int forks, List<Double> values) {
    /** The fewest forks for which an interval is given. */
    public static final int MIN_FORKS = 3;
    public static final double CONFIDENCE = 0.95;

    /** The estimate from per-fork values; NaN median when there are none. */
    public static ForkEstimate of(List<Double> perFork) {
        double[] values = perFork.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        if (values.length == 0) {
            return new ForkEstimate(Double.NaN, Double.NaN, Double.NaN, 0, List.of());
        }
        double median = StatUtils.percentile(values, 50);
        List<Double> kept = Arrays.stream(values).boxed().toList();
        if (values.length < MIN_FORKS || StatUtils.min(values) <= 0) {
            return new ForkEstimate(median, Double.NaN, Double.NaN, values.length, kept);
        }
        double[] logs = GateStatistics.LogEffect.logs(values);
        double t = new TDistribution(values.length - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double halfWidth = t * Math.sqrt(StatUtils.variance(logs) / values.length);
        double centre = StatUtils.mean(logs);
        return new ForkEstimate(median, Math.exp(centre - halfWidth), Math.exp(centre + halfWidth), values.length, kept);
    }

    /** The same estimate in another unit, or halved: median and interval divided by {@code divisor}. */
    public ForkEstimate dividedBy(double divisor) {
        return new ForkEstimate(median / divisor, low / divisor, high / divisor, forks, values.stream().map(v -> v / divisor).toList());
    }

    public boolean hasInterval() {
        return !Double.isNaN(low);
    }

    /** True when both have intervals and they share at least one value. */
    public boolean overlaps(ForkEstimate other) {
        return hasInterval() && other.hasInterval() && low <= other.high && other.low <= high;
    }

    /** "29.1 [27.0–31.3]", or "29.1" without an interval. */
    public String text() {
        return Formats.number(median) + (hasInterval() ? " " + intervalText() : "");
    }

    /** "[27.0–31.3]". */
    public String intervalText() {
        return String.format(Locale.ROOT, "[%s–%s]", Formats.number(low), Formats.number(high));
    }
}
