package io.ipcbench.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction over the rows tested: with m rows at α = 0.05 each, one in
 * 1 − 0.95^m reports would show a "slower" row by chance (a 20-row gate: 64 %). Holm keeps the
 * chance of any false "slower" at α whatever the dependence between rows (rows of one run share the
 * machine, so they are not independent, which Benjamini–Hochberg's guarantee assumes), and it is
 * never less powerful than Bonferroni. A gate that fails a pull request wants few false alarms more
 * than it wants every small true change, so family-wise error is the right promise.
 */
public final class Holm {
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
