package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.cli.CompareMainAccess;
import io.ipcbench.report.SelfCheck.SteadyState;

/** The run's self-checks: pipe and fifo are one kernel object, so when their intervals do not overlap the run warns; and a
 * row whose measured iterations trend is flagged ({@link SelfCheck.SteadyState}). */
class SelfCheckTest {
    @TempDir
    Path dir;

    private static final double[][] PIPE = {{29, 29}, {30, 30}, {31, 31}};

    private Path run(double[][] fifo) throws Exception {
        return new RunFixture().roundTrip("pipe", "64", PIPE, 5000).roundTrip("fifo", "64", fifo, 5000)
                .roundTrip("pipe", "65536", PIPE, 5000).roundTrip("uds", "64", fifo, 5000)
                .stream("pipe", "64", new double[][] {{1e5}, {1e5}, {1e5}}).stream("fifo", "64", new double[][] {{5e4}, {5e4}, {5e4}})
                .write(dir.resolve("run"));
    }

    @Test
    void disjointIntervalsWarnInOneLine() throws Exception {
        ResultSet set = ResultSet.load(run(new double[][] {{55, 55.5}, {57, 57}, {59, 58.6}}));
        assertThat(SelfCheck.warnings(set)).singleElement().satisfies(line -> {
            assertThat(line).startsWith("pipe and fifo disagree at 64 B: 30.0 µs vs 57.0 µs (95 % intervals [")
                    .endsWith("over 3 and 3 forks); this machine's wake-up latency was unstable during the run")
                    .doesNotContain("\n");
        });
        Path out = dir.resolve("report");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(CompareMainAccess.plot(set.json().toString(), "--out", out.toString())).isZero();
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ipc-bench plot: warning: pipe and fifo disagree at 64 B");
        assertThat(Files.readString(out.resolve("report.html"))).contains("class=\"warn\"").contains("pipe and fifo disagree at 64 B");
    }

    @Test
    void overlappingIntervalsDoNotWarn() throws Exception {
        ResultSet set = ResultSet.load(run(new double[][] {{29.5, 30}, {31, 31.2}, {33, 32.5}}));
        assertThat(SelfCheck.warnings(set)).isEmpty();
        assertThat(SelfCheck.pairs(set)).singleElement().satisfies(pair -> {
            assertThat(pair.outcome()).isEqualTo(SelfCheck.Outcome.AGREE);
            assertThat(pair.line()).startsWith("pipe and fifo agree at 64 B: 30.0 µs [");
        });
    }

    @Test
    void withOneForkTheCheckIsNotMadeAndSaysSo() throws Exception {
        Path run = new RunFixture().roundTrip("pipe", "64", new double[][] {{29, 29}}, 5000)
                .roundTrip("fifo", "64", new double[][] {{90, 90}}, 5000).write(dir.resolve("one"));
        ResultSet set = ResultSet.load(run);
        assertThat(SelfCheck.warnings(set)).isEmpty();
        assertThat(SelfCheck.pairs(set).get(0).line())
                .isEqualTo("pipe and fifo at 64 B not checked: an interval needs at least 3 forks (pipe has 1, fifo 1)");
    }

    @Test
    void eachPlacementIsCheckedOnItsOwn() throws Exception {
        Path run = new RunFixture().roundTrip("pipe", "64", PIPE, 5000).roundTrip("fifo", "64", new double[][] {{55}, {57}, {59}}, 5000)
                .placement("same-core").roundTrip("pipe", "64", PIPE, 5000).roundTrip("fifo", "64", new double[][] {{29.5}, {30.5}, {31.5}}, 5000)
                .write(dir.resolve("placements"));
        ResultSet set = ResultSet.load(run);
        assertThat(SelfCheck.pairs(set)).hasSize(2);
        assertThat(SelfCheck.warnings(set)).singleElement().asString().startsWith("pipe and fifo disagree at 64 B (placement=cross-core):");
    }

    // A trend over the measured iterations is flagged; noise around a level is not.
    /** Per fork, per iteration: level × (1 + slope × iteration) × (1 + noise), each fork at its own level. */
    private static double[][] scores(long seed, int forks, int iterations, double slope, double noise) {
        Random random = new Random(seed);
        double[][] values = new double[forks][iterations];
        for (int fork = 0; fork < forks; fork++) {
            double level = 50 * (1 + 0.2 * random.nextGaussian());
            for (int i = 0; i < iterations; i++) {
                values[fork][i] = level * (1 + slope * i) * (1 + noise * random.nextGaussian());
            }
        }
        return values;
    }

    private ResultSet load(RunFixture run) throws Exception {
        return ResultSet.load(run.write(dir.resolve("run")));
    }

    @Test
    void aRoundTripThatGetsFasterOverTheIterationsIsStillWarmingUp() throws Exception {
        ResultRow row = load(new RunFixture().roundTrip("pipe", "64", scores(1, 3, 5, -0.06, 0.02), 1000)).rows().get(0);
        SteadyState.Trend trend = SteadyState.of(row);
        assertThat(trend.flagged()).isTrue();
        assertThat(trend.rho()).isLessThan(-0.5);
        assertThat(trend.p()).isLessThan(0.05);
        assertThat(SteadyState.warning(row)).startsWith("still warming up: scores trend down over the iterations (Spearman ρ = -")
                .contains("3 forks, 15 iterations");
    }

    @Test
    void aStreamThatSpeedsUpIsWarmingUpAndOneThatSlowsDownIsNotSteady() throws Exception {
        ResultSet set = load(new RunFixture().stream("pipe", "64", scores(2, 3, 5, 0.06, 0.02))
                .roundTrip("pipe", "65536", scores(3, 3, 5, 0.06, 0.02), 1000));
        assertThat(SteadyState.warning(set.rows().get(0))).startsWith("still warming up: scores trend up over the iterations");
        assertThat(SteadyState.warning(set.rows().get(1))).startsWith("not steady: scores trend up over the iterations, getting worse");
    }

    @Test
    void aFlatRowIsNotFlagged() throws Exception {
        ResultSet set = load(new RunFixture().roundTrip("pipe", "64", scores(4, 3, 5, 0, 0.05), 1000)
                .roundTrip("fifo", "64", scores(5, 3, 5, 0, 0.05), 1000)
                .stream("pipe", "64", scores(6, 3, 5, 0, 0.05)));
        for (ResultRow row : set.rows()) {
            assertThat(SteadyState.of(row).testable()).isTrue();
            assertThat(SteadyState.of(row).flagged()).as(row.key()).isFalse();
            assertThat(SteadyState.warning(row)).isNull();
        }
    }

    @Test
    void differentLevelsOfForksAreNotATrend() throws Exception {
        // each fork flat, but fork 1 < fork 2 < fork 3: pooled naively, index and score would not correlate
        // either; what must not happen is a within-fork test reading the levels as a trend
        ResultRow row = load(new RunFixture().roundTrip("pipe", "64",
                new double[][] {{10, 10.2, 9.9, 10.1}, {20, 19.8, 20.1, 20.0}, {30, 30.3, 29.8, 30.1}}, 1000)).rows().get(0);
        assertThat(SteadyState.of(row).flagged()).isFalse();
    }

    @Test
    void twoIterationsPerForkCannotShowATrend() throws Exception {
        ResultRow row = load(new RunFixture().roundTrip("pipe", "64", new double[][] {{30, 10}, {30, 10}, {30, 10}}, 1000)).rows().get(0);
        SteadyState.Trend trend = SteadyState.of(row);
        assertThat(trend.testable()).as("8 orderings in all: p ≥ 0.25").isFalse();
        assertThat(trend.flagged()).isFalse();
        assertThat(HtmlReport.steadyStateNote(List.of(row))).contains("1 row has too few measured iterations");
    }

    @Test
    void theStatisticIsSpearmansRho() {
        double[] scores = {5, 3, 4, 1, 2, 2};
        double[] index = {1, 2, 3, 4, 5, 6};
        assertThat(SteadyState.rhoAgainstIndex(new NaturalRanking().rank(scores)))
                .isCloseTo(new SpearmansCorrelation().correlation(index, scores), within(1e-12));
    }

    @Test
    void theVerdictIsTheSameEveryTime() throws Exception {
        ResultRow row = load(new RunFixture().roundTrip("pipe", "64", scores(7, 3, 4, -0.03, 0.03), 1000)).rows().get(0);
        assertThat(SteadyState.of(row)).isEqualTo(SteadyState.of(row));
    }
}
