package io.ipcbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * scripts/ab's judgement of every row: the rows' paired effects ({@link LogEffect#paired}) judged
 * together ({@link RowVerdicts}: minimum effect, Holm over the rows tested, inconclusive below the
 * minimum pairs), and each row's smallest detectable slowdown ({@link DetectableEffect}) from its
 * A/A spread when one is given, else from its own pairs.
 */
public final class PairedComparison {
    /** Fewer kept pairs than this: inconclusive (a t-interval from two pairs has t = 12.7 and says nothing). */
    public static final int MIN_PAIRS = 3;

    /** A judged row; mde and its source ("A/A" or "own pairs"), NaN when unknown. */
    public record Row(PairedRow row, LogEffect effect, RowVerdicts.Judged judged, double mde, String mdeSource) {
        public Comparison.Verdict verdict() {
            return judged.verdict();
        }

        public boolean noisy(double minEffect) {
            return DetectableEffect.noisy(mde, minEffect);
        }
    }

    private final List<Row> rows;
    private final double minEffect;
    private final double alpha;

    private PairedComparison(List<Row> rows, double minEffect, double alpha) {
        this.rows = rows;
        this.minEffect = minEffect;
        this.alpha = alpha;
    }

    /**
     * @param minEffect the minimum effect as a fraction (0.05 = 5 %)
     * @param aa A/A spreads of the rows, or null to use each row's own
     */
    public static PairedComparison of(List<PairedRow> pairedRows, double minEffect, double alpha, AaSpread aa) {
        List<LogEffect> effects = pairedRows.stream().map(PairedRow::effect).toList();
        double[] limits = new double[effects.size()];
        java.util.Arrays.fill(limits, minEffect);
        List<RowVerdicts.Judged> judged = RowVerdicts.judge(effects, limits, MIN_PAIRS, alpha);
        int tested = (int) effects.stream().filter(e -> RowVerdicts.tested(e, MIN_PAIRS)).count();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < pairedRows.size(); i++) {
            PairedRow row = pairedRows.get(i);
            AaSpread.Spread spread = aa == null ? null : aa.get(row.key());
            double sd = spread != null ? spread.sd() : row.spread();
            double mde = DetectableEffect.of(sd, row.kept().size(), minEffect, alpha, Math.max(1, tested));
            rows.add(new Row(row, effects.get(i), judged.get(i), mde, spread != null ? "A/A" : "own pairs"));
        }
        return new PairedComparison(List.copyOf(rows), minEffect, alpha);
    }

    public List<Row> rows() {
        return rows;
    }

    public double minEffect() {
        return minEffect;
    }

    public double alpha() {
        return alpha;
    }

    public long count(Comparison.Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    public int setAside() {
        return rows.stream().mapToInt(r -> r.row().setAsideCount()).sum();
    }
}
