package io.ipcbench.report;

import java.util.Locale;

/** scripts/ab's report ({@link ComparisonPage}, as scripts/compare's): Markdown for a terminal, summary.md and a CI job summary; summary.html. */
public final class PairedMarkdown {
    private PairedMarkdown() {
    }

    /**
     * @param header lines describing the run (baseline, candidate, rounds, seed, run folder), each rendered as a list item
     */
    public static String render(PairedComparison comparison, java.util.List<String> header, int minPairs, String earlyStopNote,
            String mdeNote) {
        return page(comparison, header, minPairs, earlyStopNote, mdeNote).markdown();
    }

    /** The report as a {@link ComparisonPage}: its verdict line first, the moved rows next, then the rest and the notes. */
    public static ComparisonPage page(PairedComparison comparison, java.util.List<String> header, int minPairs, String earlyStopNote,
            String mdeNote) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "- Each pair is one fork of the baseline and one of the candidate, back to back in random "
                + "order; its ratio candidate/baseline is oriented by the JMH mode so that > 1 is slower. A row is **slower** "
                + "(faster) when the %.0f %% Student-t interval of its mean log ratio, at the Holm-corrected level over the rows "
                + "tested, lies entirely above +%s %% (below −%s %%); **inconclusive** with fewer than %d kept pairs; else no change.%n",
                (1 - comparison.alpha()) * 100, pct(comparison.minEffect()), pct(comparison.minEffect()), minPairs));
        out.append("- ").append(earlyStopNote).append('\n');
        out.append(String.format(Locale.ROOT, "- Floor: %d pairs set aside because the machine's floor moved more than %.1f× within "
                + "the pair (the cache-line RTT at either launcher's start or end) or because its two forks ran in different "
                + "placements of the host (HostPlacements, classed over every fork of the run by the floor each fork measured after "
                + "its trial: a fast fork is never paired with a slow one); column \"set aside\". Column \"pairs\" counts the kept "
                + "pairs per placement.%n", comparison.setAside(), io.ipcbench.floor.FloorDrift.FACTOR));
        out.append("- ").append(mdeNote).append('\n');
        long noisy = comparison.rows().stream()
                .filter(r -> r.verdict() != Comparison.Verdict.INCONCLUSIVE && r.noisy(comparison.minEffect())).count();
        if (noisy > 0) {
            out.append(String.format(Locale.ROOT, "- **%d rows are too noisy** for a %s %% limit with the pairs run: their MDE is "
                    + "more than %.0f× the limit (⚠ in the table); run more rounds, or read them as unable to show small slowdowns.%n",
                    noisy, pct(comparison.minEffect()), DetectableEffect.NOISY_FACTOR));
        }
        java.util.List<ComparisonPage.Line> lines = new java.util.ArrayList<>();
        for (PairedComparison.Row r : comparison.rows()) {
            PairedRow row = r.row();
            // an inconclusive row's interval and MDE (t with one degree of freedom is 12.7) say nothing: not shown
            boolean tested = r.verdict() != Comparison.Verdict.INCONCLUSIVE;
            double[] ci = tested ? r.effect().interval(1 - comparison.alpha()) : new double[] {Double.NaN, Double.NaN};
            double mde = tested ? r.mde() : Double.NaN;
            lines.add(new ComparisonPage.Line(r.verdict(), java.util.List.of(row.benchmark(), row.params(), row.mode(),
                    score(row.median(false), row.unit()), score(row.median(true), row.unit()), change(row.medianSlowdown()),
                    Double.isNaN(ci[0]) ? "n/a" : "[" + change(Math.exp(ci[0])) + ", " + change(Math.exp(ci[1])) + "]",
                    Double.isNaN(r.judged().adjustedP()) ? "n/a" : String.format(Locale.ROOT, "%.3f", r.judged().adjustedP()),
                    pairsText(row), Integer.toString(row.setAsideCount()),
                    Double.isNaN(mde) ? "n/a" : (r.noisy(comparison.minEffect()) ? "⚠ " : "") + String.format(Locale.ROOT, "%.1f %%", mde * 100))));
        }
        return new ComparisonPage("ipc-bench: candidate vs baseline, paired on one machine (scripts/ab)", header,
                java.util.List.of("benchmark", "params", "mode", "baseline", "candidate", "slowdown", "95 % interval", "p (Holm)", "pairs",
                        "set aside", "MDE"), lines, java.util.List.of(), ComparisonPage.items(out.toString()), false);
    }

    /** "7" or "4 (stopped after round 4)", with failed pairs named. */
    private static String pairsText(PairedRow row) {
        String text = Integer.toString(row.kept().size());
        String placements = row.placementsText();
        if (!placements.isEmpty()) {
            text += " (" + placements + ")";
        }
        if (row.stoppedAfter() > 0) {
            text += " (stopped after round " + row.stoppedAfter() + ")";
        }
        if (row.failedPairs() > 0) {
            text += ", " + row.failedPairs() + " failed";
        }
        return text;
    }

    private static String score(double value, String unit) {
        return Double.isNaN(value) ? "n/a" : Formats.number(value) + " " + unit;
    }

    /** A factor as a signed percentage: 1.083 → "+8.3 %". */
    private static String change(double factor) {
        return Double.isNaN(factor) ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", (factor - 1) * 100);
    }

    private static String pct(double fraction) {
        return new java.math.BigDecimal(Double.toString(fraction * 100)).stripTrailingZeros().toPlainString();
    }
}
