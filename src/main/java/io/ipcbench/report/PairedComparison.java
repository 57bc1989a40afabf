package io.ipcbench.report;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.stat.StatUtils;

import io.ipcbench.report.GateStatistics.DetectableEffect;
import io.ipcbench.report.GateStatistics.LogEffect;
import io.ipcbench.report.GateStatistics.RowVerdicts;
import io.ipcbench.report.ResultRow.Direction;

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
     * @param aa the rows' A/A noise ({@link Noise}), or null to use each row's own spread
     */
    public static PairedComparison of(List<PairedRow> pairedRows, double minEffect, double alpha, Noise aa) {
        List<LogEffect> effects = pairedRows.stream().map(PairedRow::effect).toList();
        double[] limits = new double[effects.size()];
        java.util.Arrays.fill(limits, minEffect);
        List<RowVerdicts.Judged> judged = RowVerdicts.judge(effects, limits, MIN_PAIRS, alpha);
        int tested = (int) effects.stream().filter(e -> RowVerdicts.tested(e, MIN_PAIRS)).count();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < pairedRows.size(); i++) {
            PairedRow row = pairedRows.get(i);
            Noise.Spread spread = aa == null ? null : aa.get(row.key(), row.figure());
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

    /**
     * One row of scripts/ab (benchmark × params × mode) and the pairs measured for it: in each round
     * one fork of the baseline and one of the candidate, in random order, back to back on the same
     * machine. Each pair gives one ratio; pairs whose floor moved within them are set aside
     * ({@link Floors.Move}) and counted.
     *
     * @param params the row's params as in {@link ResultRow#paramsText()}
     * @param mode JMH's short label (avgt, thrpt, …); it decides which way is slower ({@link Direction})
     * @param unit what a value of the judged figure is ({@link JudgedFigure#label}: "us/op", "µs RTT p50")
     * @param failedPairs pairs lost because a fork failed
     * @param stoppedAfter the round after which the row stopped early, 0 if it ran every round
     * @param figure the figure its pairs compare ({@link JudgedFigure#name})
     */
    public record PairedRow(String benchmark, String params, String mode, String unit, List<Pair> pairs, int failedPairs, int stoppedAfter,
            String figure) {

        /** A row judged by its JMH score. */
        public PairedRow(String benchmark, String params, String mode, String unit, List<Pair> pairs, int failedPairs, int stoppedAfter) {
            this(benchmark, params, mode, unit, pairs, failedPairs, stoppedAfter, JudgedFigure.SCORE);
        }

        /**
         * One pair: each side's judged figure in its fork ({@link JudgedFigure}: a round trip's RTT p50, else its score),
         * how far the floor moved across the readings of both forks, each fork's own floor (cross-CPU
         * stream GB/s and wake-up µs, NaN where unknown) and the placement both forks ran in
         * ({@link HostPlacements}, classed over every fork of the run): a group's name, {@link #MIXED}
         * when the two forks ran in different placements (set aside), or null when not classed.
         */
        public record Pair(int round, boolean candidateFirst, double baseline, double candidate, double floorFactor, double baselineStream,
                double candidateStream, double baselineWakeUp, double candidateWakeUp, String placement) {
            /** The placement of a pair whose two forks ran in different ones. */
            public static final String MIXED = "mixed";

            /** A pair without fork floors. */
            public Pair(int round, boolean candidateFirst, double baseline, double candidate, double floorFactor) {
                this(round, candidateFirst, baseline, candidate, floorFactor, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);
            }

            /**
             * A pair both of whose forks were classed by their own floors is kept or set aside by the class
             * alone: kept in one placement, set aside when mixed. The launchers' cache-line round trips
             * ({@code floorFactor}) decide only for a pair a fork of which has no floor of its own: taken in
             * a launcher JVM around its whole run, they moved 2-15x within most pairs of a gate run whose forks
             * all classed fast (results/README.md, "What a fork spends before its first iteration, and the gate
             * on four blocking round trips").
             */
            public boolean setAside() {
                return placement != null ? MIXED.equals(placement) : floorFactor > io.ipcbench.floor.FloorDrift.FACTOR;
            }

            Pair in(String placement) {
                return new Pair(round, candidateFirst, baseline, candidate, floorFactor, baselineStream, candidateStream, baselineWakeUp,
                        candidateWakeUp, placement);
            }
        }

        /**
         * The rows with every pair classed: the placements are found over both forks of every pair of
         * every row ({@link HostPlacements#classify}), and a pair whose two forks fell in different
         * placements is {@link Pair#MIXED}, set aside, so a fast fork is never paired with a slow one.
         */
        public static List<PairedRow> classified(List<PairedRow> rows) {
            List<HostPlacements.Group> groups = HostPlacements.classify(forkFloors(rows));
            List<PairedRow> classed = new java.util.ArrayList<>();
            int fork = 0;
            for (PairedRow row : rows) {
                List<Pair> pairs = new java.util.ArrayList<>();
                for (Pair pair : row.pairs()) {
                    HostPlacements.Group base = groups.get(fork++);
                    HostPlacements.Group cand = groups.get(fork++);
                    pairs.add(pair.in(base == null || cand == null ? null : base.equals(cand) ? base.name() : Pair.MIXED));
                }
                classed.add(new PairedRow(row.benchmark(), row.params(), row.mode(), row.unit(), List.copyOf(pairs), row.failedPairs(),
                        row.stoppedAfter(), row.figure()));
            }
            return classed;
        }

        /** Every fork's floor {stream GB/s, wake-up µs}, pair by pair, the baseline's before the candidate's, as {@link HostPlacements#classify} takes them. */
        public static List<double[]> forkFloors(List<PairedRow> rows) {
            return rows.stream().flatMap(row -> row.pairs().stream()).flatMap(p -> java.util.stream.Stream.of(
                    new double[] {p.baselineStream(), p.baselineWakeUp()}, new double[] {p.candidateStream(), p.candidateWakeUp()})).toList();
        }

        /** Kept pairs per placement ("fast 4, slow 3"), and the pairs set aside as mixed; "" when no pair was classed. */
        public String placementsText() {
            java.util.Map<String, Long> kept = new java.util.TreeMap<>(kept().stream().filter(p -> p.placement() != null)
                    .collect(java.util.stream.Collectors.groupingBy(Pair::placement, java.util.stream.Collectors.counting())));
            long mixed = pairs.stream().filter(p -> Pair.MIXED.equals(p.placement())).count();
            String text = kept.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
            return mixed == 0 ? text : text + (text.isEmpty() ? "" : ", ") + mixed + " mixed";
        }

        public String key() {
            return ResultRow.key(benchmark, params, mode);
        }

        public List<Pair> kept() {
            return pairs.stream().filter(p -> !p.setAside()).toList();
        }

        public int setAsideCount() {
            return (int) pairs.stream().filter(Pair::setAside).count();
        }

        /** Per kept pair, log(candidate / baseline) oriented so that positive is slower. */
        public double[] slowdownLogs() {
            return kept().stream().mapToDouble(p -> Direction.slowdownLog(mode, p.baseline(), p.candidate())).toArray();
        }

        public LogEffect effect() {
            return LogEffect.paired(slowdownLogs());
        }

        /** The median pair's slowdown factor (1.08 = 8 % slower); NaN without pairs. */
        public double medianSlowdown() {
            double[] logs = slowdownLogs();
            return logs.length == 0 ? Double.NaN : Math.exp(StatUtils.percentile(logs, 50));
        }

        /** Standard deviation of the per-pair slowdown logs: the row's noise when base and candidate are the same code. */
        public double spread() {
            double[] logs = slowdownLogs();
            return logs.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(logs));
        }

        /** Median of one side's kept values of the judged figure. */
        public double median(boolean candidate) {
            double[] scores = kept().stream().mapToDouble(p -> candidate ? p.candidate() : p.baseline()).toArray();
            return scores.length == 0 ? Double.NaN : StatUtils.percentile(scores, 50);
        }

        public PairedRow with(Pair pair) {
            return new PairedRow(benchmark, params, mode, unit, append(pairs, pair), failedPairs, stoppedAfter, figure);
        }

        public PairedRow withFailure() {
            return new PairedRow(benchmark, params, mode, unit, pairs, failedPairs + 1, stoppedAfter, figure);
        }

        public PairedRow stoppedAfter(int round) {
            return new PairedRow(benchmark, params, mode, unit, pairs, failedPairs, round, figure);
        }

        private static List<Pair> append(List<Pair> pairs, Pair pair) {
            java.util.ArrayList<Pair> all = new java.util.ArrayList<>(pairs);
            all.add(pair);
            return List.copyOf(all);
        }
    }
}
