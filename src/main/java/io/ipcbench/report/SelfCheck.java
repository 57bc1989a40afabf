package io.ipcbench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.math3.stat.ranking.NaturalRanking;

import io.ipcbench.core.Benchmarks;

/**
 * A check every run makes on itself. {@code pipe} and {@code fifo} are the same kernel object — a
 * pipe inode — opened two ways (pipe(2) versus mkfifo and open), so at the same payload and
 * placement their round trips must take the same time. When their 95 % intervals over forks do not
 * even overlap, the difference is not in the mechanisms but in the machine: its wake-up latency
 * moved while the run went from one transport to the other, and every other comparison in the run
 * is suspect by as much.
 */
public final class SelfCheck {
    private static final String PIPE = "pipe";
    private static final String FIFO = "fifo";

    private SelfCheck() {
    }

    public enum Outcome {
        AGREE, DISAGREE, NOT_CHECKED
    }

    /** One pipe/fifo pair of round-trip rows measured alike, and what the check found. */
    public record Pair(String where, ResultRow pipe, ResultRow fifo, Outcome outcome) {
        /** One line for people, e.g. "pipe and fifo disagree at 64 B: 29.1 µs vs 57.0 µs (…); …". */
        public String line() {
            ForkEstimate p = pipe.estimate();
            ForkEstimate f = fifo.estimate();
            String unit = " " + unitText(pipe.unit());
            return switch (outcome) {
                case DISAGREE -> "pipe and fifo disagree at " + where + ": " + Formats.number(p.median()) + unit + " vs "
                        + Formats.number(f.median()) + unit + " (95 % intervals " + p.intervalText() + " and " + f.intervalText()
                        + unit + " over " + p.forks() + " and " + f.forks() + " forks)"
                        + "; this machine's wake-up latency was unstable during the run";
                case AGREE -> "pipe and fifo agree at " + where + ": " + Formats.number(p.median()) + unit + " " + p.intervalText()
                        + " and " + Formats.number(f.median()) + unit + " " + f.intervalText();
                case NOT_CHECKED -> "pipe and fifo at " + where + " not checked: an interval needs at least " + ForkEstimate.MIN_FORKS
                        + " forks (pipe has " + p.forks() + ", fifo " + f.forks() + ")";
            };
        }
    }

    /** Every pair of pipe and fifo round-trip rows that differ only in the transport. */
    public static List<Pair> pairs(ResultSet results) {
        Map<String, ResultRow> pipes = new TreeMap<>();
        Map<String, ResultRow> fifos = new TreeMap<>();
        for (ResultRow row : results.rows()) {
            if (row.isRoundTrip() && (row.param(Benchmarks.TRANSPORT).equals(PIPE) || row.param(Benchmarks.TRANSPORT).equals(FIFO))) {
                (row.param(Benchmarks.TRANSPORT).equals(PIPE) ? pipes : fifos).put(sameExceptTransport(row), row);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (Map.Entry<String, ResultRow> entry : pipes.entrySet()) {
            ResultRow fifo = fifos.get(entry.getKey());
            if (fifo != null) {
                pairs.add(pair(entry.getValue(), fifo, varying(pipes.values())));
            }
        }
        pairs.sort(Comparator.comparingLong(p -> payload(p.pipe())));
        return pairs;
    }

    /** The warning lines of a result set: one per pair whose intervals do not overlap; empty if none. */
    public static List<String> warnings(ResultSet results) {
        return pairs(results).stream().filter(p -> p.outcome() == Outcome.DISAGREE).map(Pair::line).toList();
    }

    private static Pair pair(ResultRow pipe, ResultRow fifo, List<String> varying) {
        ForkEstimate p = pipe.estimate();
        ForkEstimate f = fifo.estimate();
        Outcome outcome = !p.hasInterval() || !f.hasInterval() ? Outcome.NOT_CHECKED
                : p.overlaps(f) ? Outcome.AGREE : Outcome.DISAGREE;
        StringBuilder where = new StringBuilder(pipe.param(Benchmarks.PAYLOAD)).append(" B");
        List<String> others = varying.stream().map(name -> name + "=" + pipe.param(name)).toList();
        if (!others.isEmpty()) {
            where.append(" (").append(String.join(", ", others)).append(')');
        }
        return new Pair(where.toString(), pipe, fifo, outcome);
    }

    private static String sameExceptTransport(ResultRow row) {
        Map<String, String> params = new TreeMap<>(row.params());
        params.remove(Benchmarks.TRANSPORT);
        return row.benchmark() + " " + row.mode() + " " + params;
    }

    /** Params other than transport and payload that take more than one value among these rows (placement, say). */
    private static List<String> varying(Collection<ResultRow> rows) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            row.params().forEach((name, value) -> values.computeIfAbsent(name, n -> new TreeSet<>()).add(value));
        }
        return values.entrySet().stream().filter(e -> !e.getKey().equals(Benchmarks.TRANSPORT) && !e.getKey().equals(Benchmarks.PAYLOAD))
                .filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    private static long payload(ResultRow row) {
        try {
            return Long.parseLong(row.param(Benchmarks.PAYLOAD));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** "us/op" → "µs". */
    static String unitText(String unit) {
        return unit.replace("/op", "").replace("us", "µs");
    }

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
    public static final class SteadyState {
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
            boolean improving = falling == ResultRow.Direction.higherIsSlower(row.mode());
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
}
