package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.cli.CompareMainAccess;

/** Pipe and fifo are one kernel object: when their intervals do not overlap, the run warns. */
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
}
