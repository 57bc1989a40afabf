package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import io.ipcbench.report.ComparisonPage.PairedMarkdown;
import io.ipcbench.report.GateStatistics.DetectableEffect;
import io.ipcbench.report.GateStatistics.EarlyStop;
import io.ipcbench.report.GateStatistics.Holm;
import io.ipcbench.report.GateStatistics.LogEffect;
import io.ipcbench.report.GateStatistics.RowVerdicts;
import io.ipcbench.report.PairedComparison.PairedRow;
import io.ipcbench.report.ResultRow.Direction;

/**
 * The gate's statistics on synthetic data with known truth: pairing, the interval, the minimum
 * effect, Holm's correction, inconclusive rows, direction by mode, the detectable effect, early
 * stopping, and pairs set aside when the floor moved.
 */
class PairedStatisticsTest {
    private static final double T_2 = 4.302652729911275;

    @Test
    void theIntervalIsStudentTOnTheMeanLogRatio() {
        LogEffect effect = LogEffect.paired(new double[] {0.1, 0.2, 0.3});
        assertThat(effect.estimate()).isCloseTo(0.2, within(1e-12));
        assertThat(effect.standardError()).isCloseTo(0.1 / Math.sqrt(3), within(1e-12));
        double[] ci = effect.interval(0.95);
        assertThat(ci[0]).isCloseTo(0.2 - T_2 * 0.1 / Math.sqrt(3), within(1e-9));
        assertThat(ci[1]).isCloseTo(0.2 + T_2 * 0.1 / Math.sqrt(3), within(1e-9));
        // "beyond the limit" at p < α is exactly "the (1 − α) interval lies above log(1 + limit)"
        double limit = Math.expm1(ci[0]);
        assertThat(effect.pBeyond(limit)).isCloseTo(0.05, within(1e-9));
    }

    /**
     * The machine drifts by a factor of two between rounds while the candidate is 10 % slower in
     * every pair: the pairs see the 10 %; the same forks taken as two independent sets (Welch) see
     * nothing but the drift.
     */
    @Test
    void pairingCancelsWhatTheMachineDidToBothForksOfAPair() {
        Random random = new Random(3);
        List<PairedRow.Pair> pairs = new ArrayList<>();
        double[] base = new double[10];
        double[] cand = new double[10];
        for (int round = 0; round < 10; round++) {
            double machine = 50 * Math.pow(2, random.nextDouble()); // 50–100 µs, by round
            base[round] = machine * (1 + 0.01 * random.nextGaussian());
            cand[round] = machine * 1.10 * (1 + 0.01 * random.nextGaussian());
            pairs.add(new PairedRow.Pair(round + 1, random.nextBoolean(), base[round], cand[round], 1.0));
        }
        PairedRow row = new PairedRow("RoundTripBenchmark.roundTrip", "transport=pipe", "avgt", "us/op", pairs, 0, 0);
        PairedComparison paired = PairedComparison.of(List.of(row), 0.05, 0.05, null);
        assertThat(paired.rows().get(0).verdict()).isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(row.medianSlowdown()).isCloseTo(1.10, within(0.02));
        LogEffect unpaired = LogEffect.welch(base, cand, true);
        assertThat(unpaired.pBeyond(0.05)).as("the same forks, unpaired").isGreaterThan(0.05);
    }

    @Test
    void aSmallRealChangeBelowTheMinimumEffectIsNoChange() {
        // 3 % slower, measured to ±0.3 %: certainly not zero, but not beyond 5 %
        double[] logs = new double[12];
        Random random = new Random(5);
        for (int i = 0; i < logs.length; i++) {
            logs[i] = Math.log(1.03) + 0.003 * random.nextGaussian();
        }
        LogEffect effect = LogEffect.paired(logs);
        assertThat(effect.pBeyond(0)).isLessThan(1e-6);
        List<RowVerdicts.Judged> judged = RowVerdicts.judge(List.of(effect), new double[] {0.05}, 3, 0.05);
        assertThat(judged.get(0).verdict()).isEqualTo(Comparison.Verdict.NO_CHANGE);
        assertThat(effect.within(0.05, 0.05)).isTrue();
    }

    @Test
    void holmAdjustsStepDownAndLeavesUntestedRowsOut() {
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, Double.NaN, 0.03, 0.005});
        // m = 4: 0.005×4 = 0.02, 0.01×3 = 0.03, 0.03×2 = 0.06, 0.04×1 = 0.04 → 0.06 (monotone)
        assertThat(adjusted[4]).isCloseTo(0.02, within(1e-12));
        assertThat(adjusted[0]).isCloseTo(0.03, within(1e-12));
        assertThat(adjusted[3]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[1]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[2]).isNaN();
    }

    /**
     * Twenty rows, each just significant on its own (p ≈ 0.03): uncorrected, twenty false
     * "slower"; with Holm none, while a row with a real, large slowdown stays slower.
     */
    @Test
    void manyRowsAtTheEdgeAreNotCalledSlowerAfterCorrection() {
        List<LogEffect> effects = new ArrayList<>();
        double limit = 0.05;
        double se = 0.02;
        double df = 9;
        double t = new TDistribution(df).inverseCumulativeProbability(1 - 0.015); // one-sided 0.015, doubled: p = 0.03
        for (int i = 0; i < 20; i++) {
            effects.add(new LogEffect(Math.log1p(limit) + t * se, se, df, 10));
        }
        effects.add(new LogEffect(Math.log(1.5), se, df, 10));
        assertThat(effects.get(0).pBeyond(limit)).isCloseTo(0.03, within(1e-9));
        double[] limits = new double[effects.size()];
        Arrays.fill(limits, limit);
        List<RowVerdicts.Judged> judged = RowVerdicts.judge(effects, limits, 3, 0.05);
        assertThat(judged.subList(0, 20)).allMatch(j -> j.verdict() == Comparison.Verdict.NO_CHANGE);
        assertThat(judged.get(20).verdict()).isEqualTo(Comparison.Verdict.SLOWER);
    }

    @Test
    void tooFewPairsAreInconclusiveNeverNoChange() {
        PairedRow two = row("avgt", new double[][] {{10, 30}, {10, 31}});
        PairedComparison comparison = PairedComparison.of(List.of(two), 0.05, 0.05, null);
        assertThat(comparison.rows().get(0).verdict()).isEqualTo(Comparison.Verdict.INCONCLUSIVE);
        assertThat(comparison.rows().get(0).judged().adjustedP()).isNaN();
        // Welch (scripts/compare) needs forks on both sides too
        assertThat(RowVerdicts.judge(List.of(LogEffect.welch(new double[] {10}, new double[] {30, 31, 32}, true)),
                new double[] {0.05}, 3, 0.05).get(0).verdict()).isEqualTo(Comparison.Verdict.INCONCLUSIVE);
    }

    @Test
    void directionComesFromTheModeNotTheUnit() {
        // throughput that fell by 30 %: slower, whatever the unit is called
        double[][] fewerMessages = {{100, 70}, {101, 71}, {99, 69}, {100, 70.5}};
        assertThat(judge(row("thrpt", fewerMessages, "us/op"))).isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(judge(row("thrpt", fewerMessages, "ops/s"))).isEqualTo(Comparison.Verdict.SLOWER);
        // the same numbers as times per operation: faster
        assertThat(judge(row("avgt", fewerMessages, "ops/s"))).isEqualTo(Comparison.Verdict.FASTER);
        assertThat(Direction.slowdownLog("thrpt", 100, 50)).isCloseTo(Math.log(2), within(1e-12));
        assertThat(Direction.slowdownLog("sample", 100, 50)).isCloseTo(-Math.log(2), within(1e-12));
        assertThat(LogEffect.welch(new double[] {100, 101, 99}, new double[] {70, 71, 69}, Direction.higherIsSlower("thrpt"))
                .estimate()).isPositive();
    }

    @Test
    void theDetectableEffectFollowsTheFormulaAndShrinksWithPairs() {
        double sd = 0.1;
        int n = 10;
        TDistribution t = new TDistribution(n - 1);
        double expected = Math.exp(Math.log(1.05) + (t.inverseCumulativeProbability(1 - 0.05 / 4) + t.inverseCumulativeProbability(0.8))
                * sd / Math.sqrt(n)) - 1;
        assertThat(DetectableEffect.of(sd, n, 0.05, 0.05, 2)).isCloseTo(expected, within(1e-12));
        assertThat(DetectableEffect.of(sd, 40, 0.05, 0.05, 2)).isLessThan(DetectableEffect.of(sd, 10, 0.05, 0.05, 2));
        assertThat(DetectableEffect.of(sd, 10, 0.05, 0.05, 20)).as("more rows, stricter").isGreaterThan(expected);
        assertThat(DetectableEffect.of(sd, 1, 0.05, 0.05, 2)).isNaN();
        assertThat(DetectableEffect.noisy(expected, 0.05)).as(expected + " > 10 %").isTrue();
        assertThat(DetectableEffect.noisy(DetectableEffect.of(0.01, 10, 0.05, 0.05, 1), 0.05)).isFalse();
    }

    @Test
    void theDetectableEffectComesFromAnAaRunWhenGiven() {
        PairedRow aa = row("avgt", new double[][] {{10, 10.1}, {10, 9.9}, {10, 10.2}, {10, 9.8}, {10, 10}});
        Noise spreads = Noise.paired(List.of(aa), null, "aa");
        PairedRow ab = row("avgt", new double[][] {{10, 13}, {10, 10}, {10, 16}, {10, 11}, {10, 12}});
        PairedComparison.Row withAa = PairedComparison.of(List.of(ab), 0.05, 0.05, spreads).rows().get(0);
        PairedComparison.Row own = PairedComparison.of(List.of(ab), 0.05, 0.05, null).rows().get(0);
        assertThat(withAa.mdeSource()).isEqualTo("A/A");
        assertThat(withAa.mde()).isCloseTo(DetectableEffect.of(aa.spread(), 5, 0.05, 0.05, 1), within(1e-12));
        assertThat(own.mdeSource()).isEqualTo("own pairs");
        assertThat(own.mde()).isGreaterThan(withAa.mde());
        assertThat(own.noisy(0.05)).isTrue();
        // an A/A spread of the score never sets the MDE of a row judged by its RTT p50 (nor the other way round)
        PairedRow byP50 = new PairedRow(ab.benchmark(), ab.params(), ab.mode(), "µs RTT p50", ab.pairs(), 0, 0, JudgedFigure.RTT_P50);
        PairedComparison.Row other = PairedComparison.of(List.of(byP50), 0.05, 0.05, spreads).rows().get(0);
        assertThat(other.mdeSource()).isEqualTo("own pairs");
        assertThat(other.mde()).isEqualTo(own.mde());
    }

    @Test
    void pairsWhoseFloorMovedAreSetAsideAndCounted() {
        assertThat(Floors.Move.factor(190, 200, 730, 195)).isCloseTo(730.0 / 190, within(1e-12));
        assertThat(Floors.Move.moved(190, 200, 730, 195)).isTrue();
        assertThat(Floors.Move.moved(190, 200, 250, Double.NaN)).isFalse();
        assertThat(Floors.Move.factor(Double.NaN, 200)).isEqualTo(1);
        List<PairedRow.Pair> pairs = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            pairs.add(new PairedRow.Pair(i, false, 10, 10 * (1 + 0.001 * i), 1.1));
        }
        pairs.add(new PairedRow.Pair(5, true, 10, 40, 3.8)); // the host moved the vCPUs within this pair
        PairedRow row = new PairedRow("RoundTripBenchmark.roundTrip", "transport=pipe", "avgt", "us/op", pairs, 0, 0);
        assertThat(row.setAsideCount()).isEqualTo(1);
        assertThat(row.kept()).hasSize(4);
        PairedComparison comparison = PairedComparison.of(List.of(row), 0.05, 0.05, null);
        assertThat(comparison.setAside()).isEqualTo(1);
        assertThat(comparison.rows().get(0).verdict()).isEqualTo(Comparison.Verdict.NO_CHANGE);
        String markdown = PairedMarkdown.page(comparison, List.of("Baseline: x"), 3, "Early stopping: off.", "MDE: own.").markdown();
        assertThat(markdown).contains("- Floor: 1 pairs set aside").contains("| 4 | 1 |");

        // once both forks are classed by their own floors, the class decides, not the launchers' cache line
        PairedRow.Pair moved = new PairedRow.Pair(6, false, 10, 40, 3.8, 30, 31, 17, 18, null);
        assertThat(moved.setAside()).as("unclassed: the launchers' floor moved").isTrue();
        assertThat(moved.in("fast").setAside()).as("both forks fast by their own floors").isFalse();
        assertThat(moved.in(PairedRow.Pair.MIXED).setAside()).as("a fast fork against a slow one").isTrue();
        assertThat(new PairedRow.Pair(7, false, 10, 11, 1.1).in(PairedRow.Pair.MIXED).setAside()).isTrue();
    }

    @Test
    void aRowStopsEarlyOnlyWhenItsVerdictIsClearUnderTheStricterLevel() {
        LogEffect clearlySlower = LogEffect.paired(new double[] {0.40, 0.42, 0.41, 0.39});
        assertThat(EarlyStop.clear(clearlySlower, 0.05, 0.05, 2, 8, 3)).contains(Comparison.Verdict.SLOWER);
        LogEffect clearlyNone = LogEffect.paired(new double[] {0.001, -0.002, 0.0, 0.001, -0.001});
        assertThat(EarlyStop.clear(clearlyNone, 0.05, 0.05, 2, 8, 3)).contains(Comparison.Verdict.NO_CHANGE);
        LogEffect unclear = LogEffect.paired(new double[] {0.10, -0.05, 0.20});
        assertThat(EarlyStop.clear(unclear, 0.05, 0.05, 2, 8, 3)).isEmpty();
        assertThat(EarlyStop.clear(LogEffect.paired(new double[] {0.4, 0.41}), 0.05, 0.05, 2, 8, 3)).as("fewer than 3 pairs").isEmpty();
        // beyond at α but not at α/(m·K): keep measuring
        double se = 0.02;
        double t = new TDistribution(9).inverseCumulativeProbability(1 - 0.01);
        LogEffect edge = new LogEffect(Math.log(1.05) + t * se, se, 9, 10);
        assertThat(edge.pBeyond(0.05)).isLessThan(0.05);
        assertThat(EarlyStop.clear(edge, 0.05, 0.05, 2, 8, 3)).isEmpty();
    }

    private static Comparison.Verdict judge(PairedRow row) {
        return PairedComparison.of(List.of(row), 0.05, 0.05, null).rows().get(0).verdict();
    }

    private static PairedRow row(String mode, double[][] pairs) {
        return row(mode, pairs, "us/op");
    }

    private static PairedRow row(String mode, double[][] pairs, String unit) {
        List<PairedRow.Pair> list = new ArrayList<>();
        for (int i = 0; i < pairs.length; i++) {
            list.add(new PairedRow.Pair(i + 1, i % 2 == 0, pairs[i][0], pairs[i][1], 1.0));
        }
        return new PairedRow("StreamBenchmark.stream", "transport=pipe", mode, unit, list, 0, 0);
    }
}
