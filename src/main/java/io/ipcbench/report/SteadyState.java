package io.ipcbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.commons.math3.stat.ranking.NaturalRanking;

/**
 * Did a row reach a steady state? A test for a trend of the per-iteration scores over the measured
 * iterations: Spearman's rank correlation ρ between the iteration index and the score, computed
 * within each fork (forks differ in level, which is not a trend) and pooled as the mean of the
 * forks' ρ weighted by m − 1 for a fork of m iterations (the inverse of ρ's variance under no trend).
 *
 * <p>Its p-value comes from a permutation test that shuffles the scores within each fork — exact in
 * spirit for the handful of iterations a run has, where the usual normal approximation is not — with
 * a fixed seed, so the same result set always gets the same verdict. A row is flagged when
 * p &lt; {@link #ALPHA} and |ρ| ≥ {@link #MIN_RHO}: significant and large (with many iterations a
 * drift of a percent would be significant, and harmless). Some runs cannot show a trend at all:
 * with m₁! · m₂! ⋯ orderings in all, the smallest p possible is 2 / (m₁! · m₂! ⋯), so 3 forks of
 * 2 iterations (8 orderings, p ≥ 0.25) are reported as untestable rather than as steady.
 */
public final class SteadyState {
    public static final double ALPHA = 0.05;
    public static final double MIN_RHO = 0.5;
    private static final int PERMUTATIONS = 9_999;
    private static final long SEED = 0x5eed_8L;

    private SteadyState() {
    }

    /**
     * The test's outcome.
     *
     * @param rho pooled within-fork Spearman ρ (negative: scores fall over the iterations); NaN if untestable
     * @param p two-sided permutation p-value; NaN if untestable
     * @param forks forks with at least two iterations
     * @param iterations measured iterations in those forks
     * @param testable whether any ordering of the scores could reach p &lt; {@link #ALPHA}
     */
    public record Trend(double rho, double p, int forks, int iterations, boolean testable) {
        public boolean flagged() {
            return testable && p < ALPHA && Math.abs(rho) >= MIN_RHO;
        }
    }

    public static Trend of(ResultRow row) {
        List<double[]> ranks = new ArrayList<>();
        int iterations = 0;
        double orderings = 1;
        for (List<Double> fork : row.forks()) {
            if (fork.size() >= 2) {
                ranks.add(new NaturalRanking().rank(fork.stream().mapToDouble(Double::doubleValue).toArray()));
                iterations += fork.size();
                for (int k = 2; k <= fork.size() && orderings < 1e9; k++) {
                    orderings *= k;
                }
            }
        }
        if (ranks.isEmpty() || 2 / orderings >= ALPHA) {
            return new Trend(Double.NaN, Double.NaN, ranks.size(), iterations, false);
        }
        double observed = pooledRho(ranks);
        Random random = new Random(SEED);
        int asExtreme = 0;
        for (int i = 0; i < PERMUTATIONS; i++) {
            for (double[] fork : ranks) {
                shuffle(fork, random);
            }
            if (Math.abs(pooledRho(ranks)) >= Math.abs(observed) - 1e-12) {
                asExtreme++;
            }
        }
        return new Trend(observed, (asExtreme + 1.0) / (PERMUTATIONS + 1.0), ranks.size(), iterations, true);
    }

    /** The line the report shows for a flagged row, or null when the row is steady or untestable. */
    public static String warning(ResultRow row) {
        Trend trend = of(row);
        if (!trend.flagged()) {
            return null;
        }
        boolean falling = trend.rho() < 0;
        String evidence = String.format(Locale.ROOT, " (Spearman ρ = %+.2f, p = %.3f, %d %s, %d iterations)",
                trend.rho(), trend.p(), trend.forks(), trend.forks() == 1 ? "fork" : "forks", trend.iterations());
        boolean improving = falling == row.lowerIsBetter();
        return (improving ? "still warming up: " : "not steady: ") + "scores trend " + (falling ? "down" : "up")
                + " over the iterations" + (improving ? "" : ", getting worse") + evidence;
    }

    /** Σ (m − 1) ρ_fork / Σ (m − 1); a fork whose scores are all equal has ρ = 0. */
    private static double pooledRho(List<double[]> ranks) {
        double sum = 0;
        double weights = 0;
        for (double[] fork : ranks) {
            sum += (fork.length - 1) * rhoAgainstIndex(fork);
            weights += fork.length - 1;
        }
        return sum / weights;
    }

    /** Pearson correlation of the ranks with 1 … m: Spearman's ρ (ties take their average rank). */
    static double rhoAgainstIndex(double[] ranks) {
        int m = ranks.length;
        double meanIndex = (m + 1) / 2.0;
        double meanRank = 0;
        for (double r : ranks) {
            meanRank += r / m;
        }
        double cov = 0;
        double varIndex = 0;
        double varRank = 0;
        for (int i = 0; i < m; i++) {
            double di = i + 1 - meanIndex;
            double dr = ranks[i] - meanRank;
            cov += di * dr;
            varIndex += di * di;
            varRank += dr * dr;
        }
        return varRank == 0 ? 0 : cov / Math.sqrt(varIndex * varRank);
    }

    private static void shuffle(double[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
