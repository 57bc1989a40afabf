package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.cli.CompareMainAccess;
import io.ipcbench.cli.Console;

/**
 * The regression report against ground truth: an A/A pair (same distribution, different noise)
 * shows no change; rows made 30 % worse are flagged, exactly those; direction follows the unit.
 */
class CompareTest {
    @TempDir
    Path dir;

    private Path resultSet(String name, long seed, Map<String, Double> factors) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        new JmhJsonFixture(seed, 0.03, 5, factors).write(run.resolve("jmh.json"));
        JmhJsonFixture.writeFingerprint(run, "Linux 6.1");
        return run;
    }

    /** A run in the current format: 3 forks of 4 iterations, forks 5 % apart, iterations 1 %. */
    private Path forkedSet(String name, long seed, Map<String, Double> factors) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        JmhJsonFixture.forked(seed, 0.01, 0.05, 3, 4, factors).write(run.resolve("jmh.json"));
        JmhJsonFixture.writeFingerprint(run, "Linux 6.1");
        return run;
    }

    /** Runs compare; returns {exit code, stdout, stderr}. */
    static String[] compare(String... args) {
        Console console = Console.capture(() -> CompareMainAccess.run(args));
        return new String[] {Integer.toString(console.exit()), console.out(), console.err()};
    }

    @Test
    void aRunAgainstItselfIsNoChange() throws Exception {
        Path run = forkedSet("a", 1, Map.of());
        String[] result = compare(run.toString(), run.toString(), "--fail-on-regression");
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("**0 slower**, 0 faster, 0 inconclusive, 12 no change, 0 missing, 0 new");
    }

    @Test
    void anAaPairWithNoiseIsNoChange() throws Exception {
        String[] result = compare(forkedSet("a", 1, Map.of()).toString(), forkedSet("b", 2, Map.of()).toString(), "--fail-on-regression");
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("**0 slower**, 0 faster");
    }

    /**
     * Rows made twice as slow are flagged, exactly those. Twice, not 30 %: with 3 forks 5 % apart
     * and Holm over 12 rows, a row's interval must clear the 25 % limit by t · se ≈ 0.24 on the log
     * scale (the MDE column says so), which a 30 % slowdown cannot.
     */
    @Test
    void rowsTwiceAsSlowAreFlaggedExactly() throws Exception {
        Path baseline = forkedSet("base", 1, Map.of());
        // twice as slow: round-trip times x2, stream rates x0.5
        Path candidate = forkedSet("cand", 2, Map.of("pipe/64/avgt", 2.0, "uds/65536/thrpt", 0.5, "shm-spin/64/avgt", 2.0));
        String[] result = compare(baseline.toString(), candidate.toString(), "--fail-on-regression");
        assertThat(result[0]).as(result[1]).isEqualTo("1");
        List<String> slower = result[1].lines().filter(l -> l.contains("slower |")).toList();
        assertThat(slower).hasSize(3);
        assertThat(slower).anyMatch(l -> l.contains("RoundTripBenchmark.roundTrip | payload=64 placement=cross-core transport=pipe"));
        assertThat(slower).anyMatch(l -> l.contains("StreamBenchmark.stream | payload=65536 placement=cross-core transport=uds"));
        assertThat(slower).anyMatch(l -> l.contains("RoundTripBenchmark.roundTrip | payload=64 placement=cross-core transport=shm-spin"));
        assertThat(result[1]).contains("**3 slower**, 0 faster, 0 inconclusive, 9 no change");
        assertThat(compare(baseline.toString(), candidate.toString())[0]).as("report-only without the flag").isEqualTo("0");
    }

    @Test
    void fasterIsNotARegression() throws Exception {
        String[] result = compare(forkedSet("base", 1, Map.of()).toString(),
                forkedSet("cand", 2, Map.of("pipe/64/avgt", 0.5, "pipe/64/thrpt", 2.0)).toString(), "--fail-on-regression");
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("**0 slower**, 2 faster");
    }

    @Test
    void aRowIsOnlyFlaggedBeyondItsNoiseFloor() throws Exception {
        // calibration: three A/A runs in which pipe/64 round trips drifted by a factor of 2.5
        Path a1 = forkedSet("a1", 11, Map.of());
        Path a2 = forkedSet("a2", 12, Map.of("pipe/64/avgt", 2.5));
        Path a3 = forkedSet("a3", 13, Map.of());
        Path noise = dir.resolve("noise.json");
        assertThat(io.ipcbench.cli.CompareMainAccess.calibrate(noise.toString(), a1.toString(), a2.toString(), a3.toString())).isZero();
        Path baseline = forkedSet("base", 1, Map.of());
        Path candidate = forkedSet("cand", 2, Map.of("pipe/64/avgt", 2.0, "uds/64/avgt", 2.0));
        String[] withFloors = compare(baseline.toString(), candidate.toString(), "--noise", noise.toString());
        assertThat(withFloors[1]).contains("**1 slower**").contains("A/A noise floors from 3 runs");
        assertThat(withFloors[1].lines().filter(l -> l.contains("slower |")).findFirst().orElseThrow()).contains("transport=uds");
        String[] without = compare(baseline.toString(), candidate.toString(), "--noise", "none");
        assertThat(without[1]).contains("**2 slower**");
    }

    /** The noise of an A/A run of scripts/ab (aa.json) is read as calibration's is: the same floors. */
    @Test
    void aRowIsOnlyFlaggedBeyondTheNoiseOfAnAaRunOfAb() throws Exception {
        // six pairs of the same code in which pipe/64 round trips moved by up to 2.5 times
        double[] ratios = {1, 2.5, 0.4, 1.6, 0.7, 1.2};
        List<PairedComparison.PairedRow.Pair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            pairs.add(new PairedComparison.PairedRow.Pair(i + 1, false, 10, 10 * ratios[i], 1.0));
        }
        // both tools judge a round trip by its RTT p50, so the A/A run's spread is of the p50
        PairedComparison.PairedRow pipe = new PairedComparison.PairedRow("RoundTripBenchmark.roundTrip",
                "payload=64 placement=cross-core transport=pipe", "avgt", "µs RTT p50", pairs, 0, 0, JudgedFigure.RTT_P50);
        Path baseline = forkedSet("base", 1, Map.of());
        Path candidate = forkedSet("cand", 2, Map.of("pipe/64/avgt", 2.0, "uds/64/avgt", 2.0));
        Path aa = dir.resolve("aa.json");
        Noise.paired(List.of(pipe), ResultSet.load(baseline).fingerprint(), "results/ab/aa").write(aa);
        String[] withFloors = compare(baseline.toString(), candidate.toString(), "--noise", aa.toString());
        assertThat(withFloors[1]).contains("**1 slower**").contains("A/A noise floors from the kept fork pairs of an A/A scripts/ab run");
        assertThat(withFloors[1].lines().filter(l -> l.contains("slower |")).findFirst().orElseThrow()).contains("transport=uds")
                .contains(" µs RTT p50 |");
        assertThat(compare(baseline.toString(), candidate.toString(), "--noise", "none")[1]).contains("**2 slower**");
        // the same spread taken of the score (an aa.json from before) is no floor for a row judged by its p50
        Noise.paired(List.of(new PairedComparison.PairedRow(pipe.benchmark(), pipe.params(), "avgt", "us/op", pairs, 0, 0)),
                ResultSet.load(baseline).fingerprint(), "results/ab/aa").write(aa);
        assertThat(compare(baseline.toString(), candidate.toString(), "--noise", aa.toString())[1]).contains("**2 slower**")
                .contains("1 rows are judged by a figure the file holds no spread of");
    }

    /** µs/op against ns/op is a factor of 1000 in the unit, not a regression: refused in one line. */
    @Test
    void resultSetsInDifferentUnitsAreRefused() throws Exception {
        Path baseline = resultSet("base", 1, Map.of());
        Path candidate = resultSet("cand", 1, Map.of());
        Path json = candidate.resolve("jmh.json");
        Files.writeString(json, Files.readString(json).replace("\"us/op\"", "\"ns/op\""));
        String[] result = compare(baseline.toString(), candidate.toString());
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains("in us/op in one set and ns/op in the other; compare result sets measured with the same -tu");
    }

    /** The same run twice would calibrate a floor of 0 %: refused, however the path is written. */
    @Test
    void calibrationRefusesTheSameRunTwice() throws Exception {
        Path a1 = resultSet("a1", 11, Map.of());
        Path noise = dir.resolve("noise.json");
        assertThat(io.ipcbench.cli.CompareMainAccess.calibrate(noise.toString(), a1.toString(), a1.resolve(".").toString()))
                .isEqualTo(2);
        assertThat(noise).doesNotExist();
    }

    @Test
    void noiseFloorsOfAnotherMachineAreNotApplied() throws Exception {
        Path a1 = forkedSet("a1", 11, Map.of());
        Path a2 = forkedSet("a2", 12, Map.of("pipe/64/avgt", 2.5));
        Path noise = dir.resolve("noise.json");
        assertThat(io.ipcbench.cli.CompareMainAccess.calibrate(noise.toString(), a1.toString(), a2.toString())).isZero();
        Path baseline = forkedSet("base", 1, Map.of());
        Path candidate = forkedSet("cand", 2, Map.of("pipe/64/avgt", 2.0));
        JmhJsonFixture.writeFingerprint(baseline, "Linux 9.9");
        JmhJsonFixture.writeFingerprint(candidate, "Linux 9.9");
        String[] result = compare(baseline.toString(), candidate.toString(), "--noise", noise.toString());
        assertThat(result[1]).contains("**1 slower**").contains("calibrated on another machine or JVM: not applied");
    }

    @Test
    void differentMachinesAreRefusedUnlessTold() throws Exception {
        Path a = resultSet("a", 1, Map.of());
        Path b = resultSet("b", 2, Map.of());
        JmhJsonFixture.writeFingerprint(b, "Linux 5.10");
        String[] refused = compare(a.toString(), b.toString());
        assertThat(refused[0]).isEqualTo("2");
        assertThat(refused[2].strip()).startsWith("ipc-bench compare: the result sets come from different machines or JVMs (kernel: ")
                .contains("--ignore-fingerprint");
        assertThat(compare(a.toString(), b.toString(), "--ignore-fingerprint")[0]).isEqualTo("0");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path good = resultSet("good", 1, Map.of());
        Path notJson = Files.writeString(dir.resolve("notjson.json"), "{ this is not json");
        Path truncated = Files.writeString(dir.resolve("truncated.json"), Files.readString(good.resolve("jmh.json")).substring(0, 500));
        Path notJmh = Files.writeString(dir.resolve("notjmh.json"), "{\"hello\": 1}");
        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        Path oldFloors = Files.writeString(dir.resolve("old-noise.json"), "{\"identity\": {}, \"runs\": [], \"floors\": {}}");
        Path otherBenchmarks = Files.writeString(dir.resolve("other.json"),
                "[{\"benchmark\":\"x.Y.z\",\"mode\":\"avgt\",\"params\":{},\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"us/op\"}}]");
        Object[][] cases = {
            {new String[] {good.toString(), dir.resolve("missing").toString()}, "no such file"},
            {new String[] {good.toString(), notJson.toString()}, "is not valid JSON"},
            {new String[] {good.toString(), truncated.toString()}, "is not valid JSON"},
            {new String[] {good.toString(), notJmh.toString()}, "is not a JMH result file"},
            {new String[] {good.toString(), empty.toString()}, "holds no results"},
            {new String[] {good.toString(), otherBenchmarks.toString(), "--ignore-fingerprint"}, "nothing to compare"},
            {new String[] {good.toString(), good.toString(), "--frobnicate"}, "Unknown option: '--frobnicate'"},
            {new String[] {good.toString(), good.toString(), "--threshold", "lots"}, "Invalid value for option '--threshold': expected a percentage from 0 to 1000, not 'lots'"},
            {new String[] {good.toString()}, "Missing required parameter: 'CANDIDATE'"},
            {new String[] {good.toString(), good.toString(), "--noise", dir.resolve("nope.json").toString()}, "no such noise-floor file"},
            {new String[] {good.toString(), good.toString(), "--noise", notJmh.toString()}, "is not a noise file"},
            {new String[] {good.toString(), good.toString(), "--noise", oldFloors.toString()}, "earlier shape: run scripts/calibrate again"},
        };
        for (Object[] c : cases) {
            String[] result = compare((String[]) c[0]);
            assertThat(result[0]).as(String.join(" ", (String[]) c[0])).isEqualTo("2");
            assertThat(result[2]).startsWith("ipc-bench compare: ").contains((String) c[1]).doesNotContain("\tat ");
            assertThat(result[2].strip().lines()).hasSize(1);
            assertThat(result[1]).isEmpty();
        }
    }

    @Test
    void forkedRunsCompareForksAndFlagExactlyTheRowsMadeWorse() throws Exception {
        Path baseline = forkedSet("base", 1, Map.of());
        String[] aa = compare(baseline.toString(), forkedSet("aa", 2, Map.of()).toString(), "--fail-on-regression");
        assertThat(aa[0]).isEqualTo("0");
        assertThat(aa[1]).contains("**0 slower**, 0 faster, 0 inconclusive, 12 no change").contains("- Samples: forks.")
                .doesNotContain("inconclusive**");
        Path candidate = forkedSet("cand", 3, Map.of("pipe/64/avgt", 2.0, "uds/65536/thrpt", 0.5));
        String[] result = compare(baseline.toString(), candidate.toString(), "--fail-on-regression");
        assertThat(result[0]).as(result[1]).isEqualTo("1");
        List<String> slower = result[1].lines().filter(l -> l.contains("slower |")).toList();
        assertThat(slower).hasSize(2);
        assertThat(slower).anyMatch(l -> l.contains("RoundTripBenchmark.roundTrip | payload=64 placement=cross-core transport=pipe | avgt"));
        assertThat(slower).anyMatch(l -> l.contains("StreamBenchmark.stream | payload=65536 placement=cross-core transport=uds"));
        assertThat(slower).allMatch(l -> l.contains("| 3/3 forks |"));
    }

    /**
     * Two sets whose forks differ only by the JVM-to-JVM spread: over forks no change; over the
     * pooled iterations (every fork's level counted once per iteration) the same data would look
     * highly significant.
     */
    @Test
    void forksNotIterationsAreTheSamples() throws Exception {
        double[][] before = levels(new double[] {100, 120, 80}, 20);
        double[][] after = levels(new double[] {120, 140, 100}, 20);
        ResultSet base = ResultSet.load(new RunFixture().roundTrip("pipe", "64", before, 1000).write(dir.resolve("b")));
        ResultSet cand = ResultSet.load(new RunFixture().roundTrip("pipe", "64", after, 1000).write(dir.resolve("c")));
        Comparison.Row row = Comparison.compare("pipe", base.rows().get(0), cand.rows().get(0), 0.10);
        assertThat(row.basis().text()).isEqualTo("3/3 forks");
        assertThat(row.p()).isGreaterThan(0.05);
        assertThat(row.verdict()).isEqualTo(Comparison.Verdict.NO_CHANGE);
        double pooled = new TTest().tTest(logs(base.rows().get(0).samples(false)), logs(cand.rows().get(0).samples(false)));
        assertThat(pooled).as("the same data, iterations as samples").isLessThan(1e-4);
    }

    @Test
    void anOldBaselineAgainstANewRunSaysWhatCannotBeCompared() throws Exception {
        String[] result = compare(resultSet("old", 1, Map.of()).toString(), forkedSet("new", 2, Map.of()).toString());
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("- RoundTripBenchmark.roundTrip was measured in mode sample in the baseline and avgt in the "
                + "candidate (6 rows): different statistics, not compared")
                .contains("**6 rows are inconclusive**: fewer than 3 forks").contains("| 🟡 inconclusive |").contains("1/3 forks")
                .doesNotContain("| no change |");
    }

    /** Direction comes from the mode: a throughput row is slower when its score falls, whatever its unit is called. */
    @Test
    void directionComesFromTheModeNotTheUnit() throws Exception {
        Path baseline = forkedSet("base", 1, Map.of());
        Path candidate = forkedSet("cand", 2, Map.of("uds/65536/thrpt", 0.5));
        for (Path set : List.of(baseline, candidate)) {
            Path json = set.resolve("jmh.json");
            Files.writeString(json, Files.readString(json).replace("\"ops/s\"", "\"msgs/op\""));
        }
        String[] result = compare(baseline.toString(), candidate.toString());
        assertThat(result[1]).contains("**1 slower**, 0 faster");
        assertThat(result[1].lines().filter(l -> l.contains("slower |")).findFirst().orElseThrow())
                .contains("transport=uds | thrpt | ").contains("msgs/op");
    }

    private static double[][] levels(double[] forkLevels, int iterations) {
        java.util.Random random = new java.util.Random(9);
        double[][] values = new double[forkLevels.length][iterations];
        for (int fork = 0; fork < forkLevels.length; fork++) {
            for (int i = 0; i < iterations; i++) {
                values[fork][i] = forkLevels[fork] * (1 + 0.01 * random.nextGaussian());
            }
        }
        return values;
    }

    private static double[] logs(double[] values) {
        return java.util.Arrays.stream(values).map(Math::log).toArray();
    }
}
