package io.ipcbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.stat.StatUtils;
import io.ipcbench.core.BadInput;
import io.ipcbench.report.GateStatistics.DetectableEffect;
import io.ipcbench.report.GateStatistics.LogEffect;
import io.ipcbench.report.GateStatistics.RowVerdicts;
import io.ipcbench.report.ResultRow.Direction;

/**
 * Baseline against candidate, row by row (benchmark × every param × mode), for two result sets
 * measured apart (scripts/compare; for base and candidate measured side by side, scripts/ab and
 * {@link PairedComparison}). The samples are the forks: each fork gives one value, of the figure
 * scripts/ab judges the row by too ({@link JudgedFigure}: a round trip's RTT p50 where both sets have
 * one, else the score)
 * (docs/measurement.md, "Measurement"); JVMs differ more than the iterations within one, so
 * iterations are never samples here. A row's effect is the difference of the mean log fork values
 * with Welch's standard error ({@link LogEffect#welch}), oriented by the JMH mode ({@link ResultRow.Direction}).
 * A row is slower (faster) only when its interval, at the Holm-corrected level over the rows tested
 * ({@link RowVerdicts}), lies entirely above (below) its limit — the threshold (the minimum effect)
 * or the row's {@link Noise#floor noise floor}, whichever is higher. A row with fewer than
 * {@link ForkEstimate#MIN_FORKS} forks on a side is <b>inconclusive</b>, never "no change": older
 * one-fork result sets cannot show a change between JVMs at all.
 *
 * <p>Placements ({@link HostPlacements}): the host moves the two vCPUs between placements that differ
 * by a factor (docs/comparing.md, "Comparing versions"), so a row's forks are compared only with
 * forks of the same placement. The placements are found over the forks of both sets together (so
 * "fast" means the same in both); a row measured in two placements on both sides is judged once per
 * placement, each a row of its own among the rows Holm corrects over. A row with no placement in
 * common between the sets is inconclusive. Sets without fork floors, or whose forks all ran in one
 * placement, are compared as a whole, as before.
 */
public final class Comparison {
    public static final double ALPHA = RowVerdicts.ALPHA;

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
     * @param basis the forks compared and their medians; null for an unmatched row
     * @param change signed relative change of the median score, candidate vs baseline (+0.30 = 30 % higher)
     * @param effect the Welch effect on the log scale (positive = slower); null for an unmatched row
     * @param p the Holm-adjusted p of "beyond the limit"; NaN when not tested
     * @param limit the change this row must exceed to count: max(threshold, noise floor)
     * @param mde the smallest slowdown this row could detect with its forks ({@link DetectableEffect}); NaN when not tested
     * @param placement the placement whose forks were compared (baseline and candidate are then restricted to them), or
     *        "" when the sets saw one placement or none; for a row with no placement in common, what each set had
     */
    public record Row(String key, ResultRow baseline, ResultRow candidate, Basis basis, double change, LogEffect effect,
            double p, double limit, double mde, Verdict verdict, String placement) {
    }

    /**
     * The forks a row was judged on, and the medians of the figure it was judged by ({@link JudgedFigure}).
     *
     * @param unit what a median is, as a table prints it after the number ({@link JudgedFigure#label}: "µs RTT p50", "ops/s")
     */
    public record Basis(int baselineCount, int candidateCount, double baselineMedian, double candidateMedian, String unit) {
        /** "3/3 forks". */
        public String text() {
            return baselineCount + "/" + candidateCount + " forks";
        }
    }

    private final List<Row> rows;
    private final double threshold;
    private final HostPlacements placements;
    private final long unfloored;

    private Comparison(List<Row> rows, double threshold, HostPlacements placements, long unfloored) {
        this.rows = rows;
        this.threshold = threshold;
        this.placements = placements;
        this.unfloored = unfloored;
    }

    /**
     * @param threshold minimum effect, as a fraction (0.25 = 25 %)
     * @param noise the rows' A/A noise, whose floors raise the limit, or null
     */
    public static Comparison of(ResultSet baseline, ResultSet candidate, double threshold, Noise noise) {
        Map<String, ResultRow> before = index(baseline);
        Map<String, ResultRow> after = index(candidate);
        List<Floors.Forks.Reading> readings = new ArrayList<>(Floors.Forks.readings(baseline));
        readings.addAll(Floors.Forks.readings(candidate));
        HostPlacements placements = HostPlacements.of(readings);
        boolean byPlacement = placements.groups().size() > 1;
        /** A compared part of a row, with the figure both sides are judged by ({@link #figures}). */
        record Pending(String key, ResultRow baseline, ResultRow candidate, String placement, JudgedFigure[] figures) {
            Pending(String key, ResultRow baseline, ResultRow candidate, String placement) {
                this(key, baseline, candidate, placement, Comparison.figures(baseline, candidate));
            }
        }
        List<Pending> pending = new ArrayList<>(); // compared rows, judged below together
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, ResultRow> entry : before.entrySet()) {
            ResultRow now = after.get(entry.getKey());
            if (now == null) {
                rows.add(unjudged(entry.getKey(), entry.getValue(), null, threshold, Verdict.MISSING, ""));
                continue;
            }
            if (!now.unit().equals(entry.getValue().unit())) {
                // a ratio of µs/op to ns/op is a unit, not a regression: never compare them silently
                throw new BadInput(entry.getKey() + " is in " + entry.getValue().unit() + " in one set and "
                        + now.unit() + " in the other; compare result sets measured with the same -tu");
            }
            Map<HostPlacements.Group, ResultRow> was = byPlacement ? placements.split(entry.getValue()) : Map.of();
            Map<HostPlacements.Group, ResultRow> is = byPlacement ? placements.split(now) : Map.of();
            if (!byPlacement || was.isEmpty() || is.isEmpty()) {
                // one placement, or a row without fork floors on a side: the row as a whole
                pending.add(new Pending(entry.getKey(), entry.getValue(), now, ""));
                continue;
            }
            boolean common = false;
            for (Map.Entry<HostPlacements.Group, ResultRow> part : was.entrySet()) {
                ResultRow other = is.get(part.getKey());
                if (other != null) {
                    common = true;
                    pending.add(new Pending(entry.getKey(), part.getValue(), other, part.getKey().name()));
                }
            }
            if (!common) {
                rows.add(unjudged(entry.getKey(), entry.getValue(), now, limit(entry.getKey(), figures(entry.getValue(), now), threshold,
                        noise), Verdict.INCONCLUSIVE,
                        "none in common: baseline " + forksText(was) + ", candidate " + forksText(is)));
            }
        }
        List<LogEffect> effects = pending.stream().map(p -> effect(p.baseline(), p.candidate(), p.figures())).toList();
        double[] limits = pending.stream().mapToDouble(p -> limit(p.key(), p.figures(), threshold, noise)).toArray();
        List<RowVerdicts.Judged> judged = RowVerdicts.judge(effects, limits, ForkEstimate.MIN_FORKS, ALPHA);
        int tested = (int) judged.stream().filter(j -> !Double.isNaN(j.adjustedP())).count();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            rows.add(row(p.key(), p.baseline(), p.candidate(), p.figures(), effects.get(i), limits[i], judged.get(i), tested,
                    p.placement()));
        }
        for (Map.Entry<String, ResultRow> entry : after.entrySet()) {
            if (!before.containsKey(entry.getKey())) {
                rows.add(unjudged(entry.getKey(), null, entry.getValue(), threshold, Verdict.NEW, ""));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.verdict().ordinal()).thenComparing(Row::key).thenComparing(Row::placement));
        long unfloored = noise == null ? 0 : pending.stream()
                .filter(p -> noise.onlyOtherFigure(p.key(), p.figures()[0].name())).map(Pending::key).distinct().count();
        return new Comparison(List.copyOf(rows), threshold, placements, unfloored);
    }

    /** The threshold, or the row's noise floor for the figure it is judged by ({@link #figures}) where that is higher. */
    private static double limit(String key, JudgedFigure[] figures, double threshold, Noise noise) {
        return Math.max(threshold, noise == null ? 0 : noise.floor(key, figures[0].name()));
    }

    /** "slow 3 forks" or "fast 1 fork, slow 2 forks". */
    private static String forksText(Map<HostPlacements.Group, ResultRow> split) {
        return split.entrySet().stream().map(e -> e.getKey().name() + " " + e.getValue().forkCount()
                + (e.getValue().forkCount() == 1 ? " fork" : " forks")).collect(java.util.stream.Collectors.joining(", "));
    }

    private static Map<String, ResultRow> index(ResultSet set) {
        Map<String, ResultRow> index = new LinkedHashMap<>();
        for (ResultRow row : set.rows()) {
            index.put(row.key(), row);
        }
        return index;
    }

    /** A row not tested: in one set only, or with no placement in common. */
    private static Row unjudged(String key, ResultRow baseline, ResultRow candidate, double limit, Verdict verdict, String placement) {
        return new Row(key, baseline, candidate, null, Double.NaN, null, Double.NaN, limit, Double.NaN, verdict, placement);
    }

    /** One row judged on its own (m = 1), as {@link #of} judges it among others. */
    static Row compare(String key, ResultRow baseline, ResultRow candidate, double limit) {
        JudgedFigure[] figures = figures(baseline, candidate);
        LogEffect effect = effect(baseline, candidate, figures);
        RowVerdicts.Judged judged = RowVerdicts.judge(List.of(effect), new double[] {limit}, ForkEstimate.MIN_FORKS, ALPHA).get(0);
        return row(key, baseline, candidate, figures, effect, limit, judged, 1, "");
    }

    private static LogEffect effect(ResultRow baseline, ResultRow candidate, JudgedFigure[] figures) {
        return LogEffect.welch(samples(baseline, figures[0]), samples(candidate, figures[1]), Direction.higherIsSlower(baseline.mode()));
    }

    /**
     * The figure both sides are judged by: each fork's RTT p50 where both rows have one, as scripts/ab judges a round
     * trip — read the same way on both sides (from histogram logs where both have them, else from the per-iteration
     * percentiles) —; else both rows' scores (a set from before every round trip was recorded has no p50).
     */
    static JudgedFigure[] figures(ResultRow baseline, ResultRow candidate) {
        JudgedFigure before = JudgedFigure.of(baseline);
        JudgedFigure after = JudgedFigure.of(candidate);
        JudgedFigure[] scores = {JudgedFigure.score(baseline), JudgedFigure.score(candidate)};
        if (!before.name().equals(after.name())) {
            return scores;
        }
        if (before.name().equals(JudgedFigure.RTT_P50) && baseline.latency().source() != candidate.latency().source()) {
            JudgedFigure beforeByIteration = JudgedFigure.ofIterations(baseline);
            JudgedFigure afterByIteration = JudgedFigure.ofIterations(candidate);
            return beforeByIteration != null && afterByIteration != null ? new JudgedFigure[] {beforeByIteration, afterByIteration} : scores;
        }
        return new JudgedFigure[] {before, after};
    }

    /** The figure's per-fork values; a row judged by its score gives {@link ResultRow#samples}'s (its fork scores, or its score alone). */
    private static double[] samples(ResultRow row, JudgedFigure figure) {
        return figure.name().equals(JudgedFigure.SCORE) ? row.samples(true) : figure.perFork().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Row row(String key, ResultRow baseline, ResultRow candidate, JudgedFigure[] figures, LogEffect effect, double limit,
            RowVerdicts.Judged judged, int tested, String placement) {
        double[] before = samples(baseline, figures[0]);
        double[] after = samples(candidate, figures[1]);
        Basis basis = new Basis(before.length, after.length, StatUtils.percentile(before, 50), StatUtils.percentile(after, 50),
                figures[0].label());
        double change = basis.candidateMedian() / basis.baselineMedian() - 1;
        double mde = judged.verdict() == Verdict.INCONCLUSIVE ? Double.NaN
                : DetectableEffect.ofStandardError(effect.standardError(), effect.degreesOfFreedom(), limit, ALPHA, tested);
        return new Row(key, baseline, candidate, basis, change, effect, judged.adjustedP(), limit, mde, judged.verdict(), placement);
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * Compared rows for which the noise file holds only the spread of another figure (a file from before round
     * trips were judged by their p50 holds their score's): no floor, their limit is the threshold.
     */
    public long unfloored() {
        return unfloored;
    }

    public double threshold() {
        return threshold;
    }

    /** The placements found over the forks of both sets (one or none: the rows were compared as a whole). */
    public HostPlacements placements() {
        return placements;
    }

    public boolean byPlacement() {
        return placements.groups().size() > 1;
    }

    /**
     * Per placement, "fast: 20 rows compared over 58/57 forks", in the placements' order; then the rows
     * with no placement in common. Empty when the sets were compared as a whole.
     */
    public List<String> placementCounts() {
        if (!byPlacement()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (HostPlacements.Group group : placements.groups()) {
            List<Row> in = rows.stream().filter(r -> r.placement().equals(group.name())).toList();
            lines.add(group.name() + ": " + in.size() + " rows compared over " + in.stream().mapToInt(r -> r.basis().baselineCount()).sum()
                    + "/" + in.stream().mapToInt(r -> r.basis().candidateCount()).sum() + " forks");
        }
        long none = rows.stream().filter(r -> r.placement().startsWith("none")).count();
        if (none > 0) {
            lines.add(none + " rows with no placement in common (inconclusive)");
        }
        return lines;
    }

    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** Rows both sets have that were tested (enough forks on both sides). */
    public long tested() {
        return rows.stream().filter(r -> r.basis() != null && !Double.isNaN(r.p())).count();
    }
}
