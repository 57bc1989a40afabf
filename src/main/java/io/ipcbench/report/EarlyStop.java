package io.ipcbench.report;

import java.util.Optional;

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
public final class EarlyStop {
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
