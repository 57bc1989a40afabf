package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.ipcbench.core.BadInput;

/**
 * The figures the report quotes, against values worked out by hand: medians over forks and their
 * intervals, the mean as total time ÷ round trips, percentiles from merged histograms, and the rule
 * that hides a percentile too few samples support.
 */
class ForkFiguresTest {
    /** t quantile 0.975 with 2 degrees of freedom (3 forks). */
    private static final double T_2 = 4.302652729911275;

    @TempDir
    Path dir;

    private ResultRow onlyRow(RunFixture run) throws Exception {
        return ResultSet.load(run.write(dir.resolve("run"))).rows().get(0);
    }

    @Test
    void theMedianOverForksAndItsIntervalAreRight() throws Exception {
        ResultRow row = onlyRow(new RunFixture().roundTrip("pipe", "64",
                new double[][] {{20, 20, 20}, {25, 25, 25}, {30, 30, 30}}, 1000));
        assertThat(row.forkScores()).containsExactly(20.0, 25.0, 30.0);
        ForkEstimate estimate = row.estimate();
        double[] logs = {Math.log(20), Math.log(25), Math.log(30)};
        double mean = (logs[0] + logs[1] + logs[2]) / 3;
        double sd = Math.sqrt((Math.pow(logs[0] - mean, 2) + Math.pow(logs[1] - mean, 2) + Math.pow(logs[2] - mean, 2)) / 2);
        assertThat(estimate.median()).isEqualTo(25.0);
        assertThat(estimate.forks()).isEqualTo(3);
        assertThat(estimate.low()).isCloseTo(Math.exp(mean - T_2 * sd / Math.sqrt(3)), within(1e-6));
        assertThat(estimate.high()).isCloseTo(Math.exp(mean + T_2 * sd / Math.sqrt(3)), within(1e-6));
        assertThat(estimate.low()).isLessThan(20).isGreaterThan(10);
        assertThat(estimate.text()).isEqualTo("25.0 [" + Formats.number(estimate.low()) + "–" + Formats.number(estimate.high()) + "]");
    }

    @Test
    void fewerThanThreeForksGiveNoInterval() {
        assertThat(ForkEstimate.of(List.of(10.0, 12.0)).hasInterval()).isFalse();
        assertThat(ForkEstimate.of(List.of(10.0, 12.0)).median()).isEqualTo(11.0);
        assertThat(ForkEstimate.of(List.of(10.0)).text()).isEqualTo("10.0");
        ForkEstimate same = ForkEstimate.of(List.of(10.0, 10.0, 10.0));
        assertThat(same.low()).isCloseTo(10, within(1e-9));
        assertThat(same.high()).isCloseTo(10, within(1e-9));
    }

    @Test
    void theMeanIsTotalTimeOverRoundTrips() throws Exception {
        // fork 1: 300 round trips at 10 µs and 100 at 20 µs: 5,000 µs / 400 = 12.5 µs, not (10 + 20) / 2
        ResultRow row = onlyRow(new RunFixture().roundTrip("pipe", "64",
                new double[][] {{10, 20}, {12, 12}, {14, 14}}, new long[][] {{300, 100}, {50, 50}, {50, 50}}));
        assertThat(row.forkScores()).containsExactly(12.5, 12.0, 14.0);
        assertThat(row.estimate().median()).isEqualTo(12.5);
    }

    @Test
    void withoutHistogramsThePercentilesComeFromTheSecondaryMetrics() throws Exception {
        ResultRow row = onlyRow(new RunFixture().roundTrip("pipe", "64",
                new double[][] {{10, 30}, {11, 11}, {12, 12}}, new long[][] {{3000, 1000}, {4000, 4000}, {4000, 4000}}));
        Latency latency = row.latency();
        assertThat(latency.source()).isEqualTo(Latency.Source.SECONDARY);
        assertThat(latency.samples()).as("the smallest iteration's count").isEqualTo(1000);
        // p50 of each iteration is 0.9 × its mean; fork 1 weights them 3:1 → 0.9 × 15 = 13.5; forks 2, 3: 9.9, 10.8
        assertThat(latency.get("p50").value().median()).isCloseTo(10.8, within(1e-9));
        // max is the largest of a fork's iterations: 20 × 30, 20 × 11, 20 × 12 → median 240
        assertThat(latency.get("max").value().median()).isCloseTo(240, within(1e-9));
        assertThat(latency.get("p99.9").text()).as("1,000 × 0.001 = 1 sample beyond").isEqualTo("n/a (1,000 samples)");
        assertThat(latency.get("p99").text()).as("1,000 × 0.01 = 10 samples beyond").isEqualTo(Formats.number(latency.get("p99").value().median()));
        assertThat(latency.samplesText()).isEqualTo("1,000 per iteration");
    }

    @Test
    void histogramsAreMergedPerForkThenTheMedianIsTakenOverForks() throws Exception {
        Path run = new RunFixture().roundTrip("pipe", "64", new double[][] {{14, 14}, {15, 15}, {13, 13}}, 1000).write(dir.resolve("run"));
        double[] forkFactor = {1.0, 1.1, 0.9};
        for (int fork = 1; fork <= 3; fork++) {
            long fast = Math.round(10_000 * forkFactor[fork - 1]);
            long slow = Math.round(30_000 * forkFactor[fork - 1]);
            // iteration 1: 1,200 round trips at 10 µs; iteration 2: 800 at 30 µs. Merged, p50 is 10 µs
            // (an average of the iterations' medians would say 18 µs) and p90 is 30 µs.
            RunFixture.writeHistograms(run, "pipe", "64", fork, List.of(RunFixture.repeat(fast, 1200), RunFixture.repeat(slow, 800)));
        }
        Latency latency = ResultSet.load(run).rows().get(0).latency();
        Offset<Double> precision = within(0.02); // HdrHistogram with 3 significant digits
        assertThat(latency.source()).isEqualTo(Latency.Source.HISTOGRAMS);
        assertThat(latency.samples()).isEqualTo(2000);
        assertThat(latency.get("p50").value().median()).isCloseTo(10.0, precision);
        assertThat(latency.get("p50").value().low())
                .isCloseTo(10.0 * Math.exp(meanLog(forkFactor) - T_2 * sd(forkFactor) / Math.sqrt(3)), within(0.02));
        assertThat(latency.get("p90").value().median()).isCloseTo(30.0, precision);
        assertThat(latency.get("p99").value().median()).isCloseTo(30.0, precision);
        assertThat(latency.get("max").value().median()).isCloseTo(30.0, precision);
        assertThat(latency.get("p99.9").text()).as("2,000 × 0.001 = 2 samples beyond").isEqualTo("n/a (2,000 samples)");
        assertThat(latency.get("p99.99").supported()).isFalse();
        assertThat(latency.samplesText()).isEqualTo("2,000 per fork");
    }

    @Test
    void aMissingForkLogFallsBackToTheSecondaryMetrics() throws Exception {
        Path run = new RunFixture().roundTrip("pipe", "64", new double[][] {{14}, {15}, {13}}, 1000).write(dir.resolve("run"));
        RunFixture.writeHistograms(run, "pipe", "64", 1, List.of(RunFixture.repeat(10_000, 100)));
        RunFixture.writeHistograms(run, "pipe", "64", 2, List.of(RunFixture.repeat(10_000, 100)));
        assertThat(ResultSet.load(run).rows().get(0).latency().source()).isEqualTo(Latency.Source.SECONDARY);
    }

    @Test
    void aCorruptLogIsOneLineNamingIt() throws Exception {
        Path run = new RunFixture().roundTrip("pipe", "64", new double[][] {{14}}, 1000).write(dir.resolve("run"));
        Path log = Files.createDirectories(run.resolve("histograms"))
                .resolve("RoundTripBenchmark-transport=pipe-payload=64-placement=cross-core-fork1.hlog");
        Files.writeString(log, "0.000,1.000,1.0,HISTFAAAAnotbase64!!\n");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ResultSet.load(run)))
                .isInstanceOf(BadInput.class).hasMessageContaining(log.toString());
    }

    @Test
    void aPercentileNeedsTenSamplesBeyondIt() {
        ForkEstimate value = ForkEstimate.of(List.of(5.0));
        assertThat(new Latency.Percentile("p99", 0.01, value, 1000).supported()).isTrue();
        assertThat(new Latency.Percentile("p99", 0.01, value, 999).text()).isEqualTo("n/a (999 samples)");
        assertThat(new Latency.Percentile("p90", 0.1, value, 100).supported()).isTrue();
        assertThat(new Latency.Percentile("p99.99", 0.0001, value, 100_000).supported()).isTrue();
        assertThat(new Latency.Percentile("p99.99", 0.0001, value, 99_999).text()).isEqualTo("n/a (99,999 samples)");
        assertThat(new Latency.Percentile("max", 0, value, 3).text()).as("the max is an observation").isEqualTo("5.00");
        assertThat(new Latency.Percentile("p50", 0.5, value, -1).supported()).as("count unknown").isTrue();
    }

    private static double meanLog(double[] factors) {
        double mean = 0;
        for (double f : factors) {
            mean += Math.log(f) / factors.length;
        }
        return mean;
    }

    private static double sd(double[] factors) {
        double mean = meanLog(factors);
        double sum = 0;
        for (double f : factors) {
            sum += Math.pow(Math.log(f) - mean, 2);
        }
        return Math.sqrt(sum / (factors.length - 1));
    }
}
