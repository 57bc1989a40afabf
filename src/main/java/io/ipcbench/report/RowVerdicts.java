package io.ipcbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of every row of a report at once, so that the rows tested share one error budget
 * ({@link Holm}). A row is <b>slower</b> only when its Holm-adjusted p of "beyond the minimum
 * effect" ({@link LogEffect#pBeyond}) is below α — its interval at the corrected confidence lies
 * entirely above +limit —, <b>faster</b> symmetrically, <b>inconclusive</b> when it has fewer than
 * the minimum samples (it was not tested and does not count in m), and <b>no change</b> otherwise.
 * "No change" means "no change beyond the limit was shown", never "proved equal".
 */
public final class RowVerdicts {
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
