package io.ipcbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Baseline against candidate, row by row (benchmark × every param × mode). A row is slower or
 * faster only if both hold: the change of the median score is beyond the row's limit — the
 * threshold (the minimum effect), or the row's {@link NoiseFloor} if that is higher — and Welch's
 * t-test on the logarithms of the scores says the difference is unlikely to be noise (p below
 * {@link #ALPHA}; logarithms, so the test is about the ratio, whatever the unit). Direction comes
 * from the unit: time per op down is good, ops/s up is good. For rates, "worse" is the equivalent
 * rise in time per operation.
 *
 * <p>The samples are the forks: each fork's score is one value (docs/ARCHITECTURE.md, "Measurement"). JVMs differ more than
 * the iterations within one, so a test over iterations would call a difference between two JVMs
 * significant that the next JVM would not repeat. Only where a set has one fork — older result
 * sets — does a row fall back to its per-iteration scores, and the report says so.
 */
public final class Comparison {
    public static final double ALPHA = 0.05;

    public enum Verdict {
        SLOWER("slower"), FASTER("faster"), INCONCLUSIVE("inconclusive"), NO_CHANGE("no change"), MISSING("missing"), NEW("new");

        final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One compared row.
     *
     * @param basis what was compared: forks or iterations, how many, their medians; null for an unmatched row
     * @param change signed relative change of the median score, candidate vs baseline (+0.30 = 30 % higher)
     * @param worse the change oriented so that positive is worse, whatever the unit's direction
     * @param p the test's p-value, NaN when a side has fewer than two samples
     * @param limit the change this row must exceed to count: max(threshold, noise floor)
     */
    public record Row(String key, ResultRow baseline, ResultRow candidate, Basis basis, double change, double worse, double p,
            double limit, Verdict verdict) {
    }

    /**
     * The samples a row was judged on.
     *
     * @param byFork true: per-fork scores; false: per-iteration scores (a set with one fork)
     */
    public record Basis(boolean byFork, int baselineCount, int candidateCount, double baselineMedian, double candidateMedian) {
        /** "3/3 forks" or "5/5 iterations". */
        public String text() {
            return baselineCount + "/" + candidateCount + (byFork ? " forks" : " iterations");
        }
    }

    private final List<Row> rows;
    private final double threshold;

    private Comparison(List<Row> rows, double threshold) {
        this.rows = rows;
        this.threshold = threshold;
    }

    /**
     * @param threshold minimum effect, as a fraction (0.25 = 25 %)
     * @param noise per-row noise floors, or null
     */
    public static Comparison of(ResultSet baseline, ResultSet candidate, double threshold, NoiseFloor noise) {
        Map<String, ResultRow> before = index(baseline);
        Map<String, ResultRow> after = index(candidate);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, ResultRow> entry : before.entrySet()) {
            ResultRow now = after.get(entry.getKey());
            if (now != null && !now.unit().equals(entry.getValue().unit())) {
                // a ratio of µs/op to ns/op is a unit, not a regression: never compare them silently
                throw new io.ipcbench.cli.BadInput(entry.getKey() + " is in " + entry.getValue().unit() + " in one set and "
                        + now.unit() + " in the other; compare result sets measured with the same -tu");
            }
            double limit = Math.max(threshold, noise == null ? 0 : noise.floor(entry.getKey()));
            rows.add(now == null ? new Row(entry.getKey(), entry.getValue(), null, null, Double.NaN, Double.NaN, Double.NaN, limit,
                    Verdict.MISSING)
                    : compare(entry.getKey(), entry.getValue(), now, limit));
        }
        for (Map.Entry<String, ResultRow> entry : after.entrySet()) {
            if (!before.containsKey(entry.getKey())) {
                rows.add(new Row(entry.getKey(), null, entry.getValue(), null, Double.NaN, Double.NaN, Double.NaN, threshold,
                        Verdict.NEW));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.verdict().ordinal()).thenComparing(Row::key));
        return new Comparison(List.copyOf(rows), threshold);
    }

    private static Map<String, ResultRow> index(ResultSet set) {
        Map<String, ResultRow> index = new LinkedHashMap<>();
        for (ResultRow row : set.rows()) {
            index.put(row.key(), row);
        }
        return index;
    }

    static Row compare(String key, ResultRow baseline, ResultRow candidate, double limit) {
        boolean byFork = baseline.hasForkSamples() && candidate.hasForkSamples();
        double[] before = baseline.samples(byFork);
        double[] after = candidate.samples(byFork);
        Basis basis = new Basis(byFork, before.length, after.length, StatUtils.percentile(before, 50), StatUtils.percentile(after, 50));
        double change = basis.candidateMedian() / basis.baselineMedian() - 1;
        double worse = baseline.lowerIsBetter() ? change : -change / (1 + change);
        double p = pValue(before, after);
        Verdict verdict = Verdict.NO_CHANGE;
        if (p < ALPHA && worse > limit) {
            verdict = Verdict.SLOWER;
        } else if (p < ALPHA && -worse > limit) {
            verdict = Verdict.FASTER;
        }
        return new Row(key, baseline, candidate, basis, change, worse, p, limit, verdict);
    }

    private static double pValue(double[] before, double[] after) {
        if (before.length < 2 || after.length < 2) {
            return Double.NaN;
        }
        double[] logBefore = logs(before);
        double[] logAfter = logs(after);
        if (StatUtils.variance(logBefore) == 0 && StatUtils.variance(logAfter) == 0) {
            return StatUtils.mean(logBefore) == StatUtils.mean(logAfter) ? 1.0 : 0.0;
        }
        return new TTest().tTest(logBefore, logAfter);
    }

    private static double[] logs(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(Math.max(values[i], Double.MIN_NORMAL));
        }
        return logs;
    }

    public List<Row> rows() {
        return rows;
    }

    public double threshold() {
        return threshold;
    }

    /** Compared rows whose samples were iterations, because a set has only one fork. */
    public long countByIteration() {
        return rows.stream().filter(r -> r.basis() != null && !r.basis().byFork()).count();
    }

    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }
}
