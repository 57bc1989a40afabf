package io.ipcbench.report;

import java.util.List;

import org.apache.commons.math3.stat.StatUtils;

/**
 * One row of scripts/ab (benchmark × params × mode) and the pairs measured for it: in each round
 * one fork of the baseline and one of the candidate, in random order, back to back on the same
 * machine. Each pair gives one ratio; pairs whose floor moved within them are set aside
 * ({@link FloorMove}) and counted.
 *
 * @param params the row's params as in {@link ResultRow#paramsText()}
 * @param mode JMH's short label (avgt, thrpt, …); it decides which way is slower ({@link Direction})
 * @param failedPairs pairs lost because a fork failed
 * @param stoppedAfter the round after which the row stopped early, 0 if it ran every round
 */
public record PairedRow(String benchmark, String params, String mode, String unit, List<Pair> pairs, int failedPairs, int stoppedAfter) {

    /**
     * One pair: each side's score (its fork's own score, as {@link ResultRow#forkScores()} defines it)
     * and how far the floor moved across the readings of both forks.
     */
    public record Pair(int round, boolean candidateFirst, double baseline, double candidate, double floorFactor) {
        public boolean setAside() {
            return floorFactor > io.ipcbench.floor.FloorDrift.FACTOR;
        }
    }

    public String key() {
        return benchmark + " " + params + " " + mode;
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

    /** Median of one side's kept scores. */
    public double median(boolean candidate) {
        double[] scores = kept().stream().mapToDouble(p -> candidate ? p.candidate() : p.baseline()).toArray();
        return scores.length == 0 ? Double.NaN : StatUtils.percentile(scores, 50);
    }

    public PairedRow with(Pair pair) {
        return new PairedRow(benchmark, params, mode, unit, append(pairs, pair), failedPairs, stoppedAfter);
    }

    public PairedRow withFailure() {
        return new PairedRow(benchmark, params, mode, unit, pairs, failedPairs + 1, stoppedAfter);
    }

    public PairedRow stoppedAfter(int round) {
        return new PairedRow(benchmark, params, mode, unit, pairs, failedPairs, round);
    }

    private static List<Pair> append(List<Pair> pairs, Pair pair) {
        java.util.ArrayList<Pair> all = new java.util.ArrayList<>(pairs);
        all.add(pair);
        return List.copyOf(all);
    }
}
