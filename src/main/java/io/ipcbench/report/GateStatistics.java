package io.ipcbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The statistics of the A/B gate, shared by scripts/compare ({@link Comparison}) and scripts/ab
 * ({@link PairedComparison}) (docs/comparing.md, "Comparing versions"): a row's change as a
 * {@link LogEffect} with its t-interval, every row judged at once against the minimum effect
 * ({@link RowVerdicts}) with Holm's correction over the rows tested ({@link Holm}), the smallest
 * slowdown a row can detect ({@link DetectableEffect}), and when a row of scripts/ab may stop early
 * ({@link EarlyStop}).
 */
public final class GateStatistics {
    private GateStatistics() {
    }

    /**
     * A change between two versions as the gate judges it: an estimate on the log scale, oriented so
     * that positive is slower (see {@link ResultRow.Direction}), with its standard error and degrees of freedom.
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
     * <li>{@link #welch}: two independent sets of per-fork values (scripts/compare); the effect is the
     * difference of the mean log values with Welch's standard error and Welch–Satterthwaite degrees of
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
         * From two independent sets of positive per-fork values.
         *
         * @param higherIsSlower the mode's direction ({@link ResultRow.Direction#higherIsSlower})
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

        private double quantile(double p) {
            return new TDistribution(degreesOfFreedom).inverseCumulativeProbability(p);
        }

        /** The natural logs of positive values (a zero or negative one is taken as the smallest normal double). */
        static double[] logs(double[] values) {
            return Arrays.stream(values).map(v -> Math.log(Math.max(v, Double.MIN_NORMAL))).toArray();
        }
    }

    /**
     * Holm's step-down correction over the rows tested: with m rows at α = 0.05 each, one in
     * 1 − 0.95^m reports would show a "slower" row by chance (a 20-row gate: 64 %). Holm keeps the
     * chance of any false "slower" at α whatever the dependence between rows (rows of one run share the
     * machine, so they are not independent, which Benjamini–Hochberg's guarantee assumes), and it is
     * never less powerful than Bonferroni. A gate that fails a pull request wants few false alarms more
     * than it wants every small true change, so family-wise error is the right promise.
     */
    public static final class Holm {
        private Holm() {
        }

        /**
         * Holm-adjusted p-values, in the input's order: reject row i at level α iff adjusted[i] &lt; α.
         * NaN entries are rows not tested; they are left NaN and do not count in m.
         */
        public static double[] adjust(double[] p) {
            double[] adjusted = new double[p.length];
            Arrays.fill(adjusted, Double.NaN);
            Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                    .sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
            int m = order.length;
            double running = 0;
            for (int rank = 0; rank < m; rank++) {
                // step-down: a row can only be rejected if every smaller p was; the max keeps that monotone
                running = Math.max(running, Math.min(1, (m - rank) * p[order[rank]]));
                adjusted[order[rank]] = running;
            }
            return adjusted;
        }
    }

    /**
     * The verdict of every row of a report at once, so that the rows tested share one error budget
     * ({@link Holm}). A row is <b>slower</b> only when its Holm-adjusted p of "beyond the minimum
     * effect" ({@link LogEffect#pBeyond}) is below α — its interval at the corrected confidence lies
     * entirely above +limit —, <b>faster</b> symmetrically, <b>inconclusive</b> when it has fewer than
     * the minimum samples (it was not tested and does not count in m), and <b>no change</b> otherwise.
     * "No change" means "no change beyond the limit was shown", never "proved equal".
     */
    public static final class RowVerdicts {
        public static final double ALPHA = 0.05;

        /** A row's verdict and its Holm-adjusted p (NaN when not tested). */
        public record Judged(Comparison.Verdict verdict, double adjustedP) {
        }

        private RowVerdicts() {
        }

        /**
         * @param effects one per row
         * @param limits each row's minimum effect, as a fraction
         * @param minSamples fewer pairs (or forks on a side) than this: inconclusive
         */
        public static List<Judged> judge(List<LogEffect> effects, double[] limits, int minSamples, double alpha) {
            double[] p = new double[effects.size()];
            for (int i = 0; i < p.length; i++) {
                LogEffect effect = effects.get(i);
                p[i] = tested(effect, minSamples) ? effect.pBeyond(limits[i]) : Double.NaN;
            }
            double[] adjusted = Holm.adjust(p);
            List<Judged> judged = new ArrayList<>();
            for (int i = 0; i < p.length; i++) {
                Comparison.Verdict verdict;
                if (Double.isNaN(adjusted[i])) {
                    verdict = Comparison.Verdict.INCONCLUSIVE;
                } else if (adjusted[i] < alpha) {
                    verdict = effects.get(i).estimate() > 0 ? Comparison.Verdict.SLOWER : Comparison.Verdict.FASTER;
                } else {
                    verdict = Comparison.Verdict.NO_CHANGE;
                }
                judged.add(new Judged(verdict, adjusted[i]));
            }
            return judged;
        }

        static boolean tested(LogEffect effect, int minSamples) {
            return effect.samples() >= minSamples && effect.estimable();
        }
    }

    /**
     * The smallest slowdown a row can detect with the pairs it ran: the true factor at which the
     * row's corrected interval lies above +limit with probability {@link #POWER}. With per-pair log
     * ratios of standard deviation sd (best from an A/A run, where only noise moves them) and n pairs,
     * MDE = exp(log(1 + limit) + (t<sub>1 − α/(2m)</sub> + t<sub>power</sub>) · sd / √n) − 1,
     * t with n − 1 degrees of freedom and α/m the strictest Holm step over the m rows tested (so the
     * figure holds whichever rank the row takes). A row whose MDE is more than {@link #NOISY_FACTOR}
     * times the limit is too noisy for the limit asked: a slowdown of twice the limit could pass unseen.
     */
    public static final class DetectableEffect {
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
         * pairs: scripts/compare's difference of two sets' mean log fork values (Welch).
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

    /**
     * When a row of scripts/ab may stop measuring before the planned rounds: once it has at least the
     * minimum pairs and its interval at confidence 1 − α / (m · K) — Bonferroni over the m rows and
     * the K rounds at which it is looked at — either lies entirely beyond ±limit (clearly slower or
     * faster) or entirely inside (−limit, +limit) (clearly no change beyond the limit). Looking after
     * every round and stopping at the first clear answer would otherwise spend α once per look; the
     * Bonferroni split keeps the chance that any stop is wrong at α or below, at the price of stopping
     * later than a tuned group-sequential boundary would. A stopped row's final verdict is then judged
     * with the others ({@link RowVerdicts}); since α / (m · K) ≤ α / m, the strictest Holm step, a row
     * stopped as slower is still slower there, and one stopped as no change cannot become slower.
     */
    public static final class EarlyStop {
        private EarlyStop() {
        }

        /**
         * The clear verdict, or empty to keep measuring.
         *
         * @param rows m: rows in the run
         * @param looks K: rounds at which a row can stop (rounds − minPairs + 1)
         */
        public static Optional<Comparison.Verdict> clear(LogEffect effect, double limit, double alpha, int rows, int looks, int minPairs) {
            if (!RowVerdicts.tested(effect, minPairs)) {
                return Optional.empty();
            }
            double strict = alpha / ((double) Math.max(1, rows) * Math.max(1, looks));
            if (effect.pBeyond(limit) < strict) {
                return Optional.of(effect.estimate() > 0 ? Comparison.Verdict.SLOWER : Comparison.Verdict.FASTER);
            }
            if (effect.within(limit, strict)) {
                return Optional.of(Comparison.Verdict.NO_CHANGE);
            }
            return Optional.empty();
        }
    }
}
