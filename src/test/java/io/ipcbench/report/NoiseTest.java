package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.core.BadInput;
import io.ipcbench.report.PairedComparison.PairedRow;

/**
 * The one noise model: scripts/calibrate's runs and an A/A run of scripts/ab give the same measure
 * (the spread of the log ratio between two measurements of the same code, with its n) in the same
 * file, and the committed files of the earlier shapes are read (aa.json) or refused in one line
 * (a noise.json with "floors").
 */
class NoiseTest {
    private static final String PIPE = "RoundTripBenchmark.roundTrip payload=64 placement=cross-core transport=pipe avgt";

    @TempDir
    Path dir;

    /** A run without noise: every row exactly at its centre, the pipe 64 B round trip times {@code pipeFactor}. */
    private ResultSet run(String name, double pipeFactor) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        JmhJsonFixture.forked(1, 0, 0, 3, 4, Map.of("pipe/64/avgt", pipeFactor)).write(run.resolve("jmh.json"));
        JmhJsonFixture.writeFingerprint(run, "Linux 6.1");
        return ResultSet.load(run);
    }

    @Test
    void calibrationGivesTheSpreadOfTheLogRatioBetweenRunsAndItsFloor() throws Exception {
        Noise noise = Noise.calibrate(List.of(run("a1", 1), run("a2", 2.5), run("a3", 1)));
        Noise.Spread pipe = noise.get(PIPE);
        assertThat(pipe.sd()).isCloseTo(Math.sqrt(2 * StatUtils.variance(new double[] {0, Math.log(2.5), 0})), within(1e-9));
        assertThat(pipe.n()).isEqualTo(3);
        double t = new TDistribution(2).inverseCumulativeProbability(1 - GateStatistics.RowVerdicts.ALPHA / 2);
        assertThat(pipe.figure()).as("every run has the round trip's p50").isEqualTo(JudgedFigure.RTT_P50);
        assertThat(noise.floor(PIPE, JudgedFigure.RTT_P50)).isCloseTo(Math.expm1(t * pipe.sd()), within(1e-9));
        assertThat(noise.floor(PIPE, JudgedFigure.SCORE)).as("a spread of another figure").isZero();
        assertThat(noise.rows()).hasSize(12);
        assertThat(noise.rows().values()).filteredOn(s -> s.sd() == 0).as("the rows that did not move").hasSize(11);
        assertThat(noise.floor("no such row", JudgedFigure.SCORE)).isZero();
        assertThat(new Noise.Spread(0.1, 1).floor(0.05)).as("one measurement: no spread").isZero();
        assertThat(new Noise.Spread(Double.NaN, 5).floor(0.05)).isZero();
        Path file = dir.resolve("noise.json");
        noise.write(file);
        Noise read = Noise.read(file);
        assertThat(read.rows()).isEqualTo(noise.rows());
        assertThat(read.source()).isEqualTo("3 runs");
        assertThat(read.appliesTo(run("other", 1).fingerprint())).isTrue();
    }

    @Test
    void anAaRunOfAbWritesTheSameMeasureFromItsPairs() throws Exception {
        List<PairedRow.Pair> pairs = new ArrayList<>();
        double[] ratios = {1.02, 0.97, 1.05, 0.99, 1.01};
        for (int i = 0; i < ratios.length; i++) {
            pairs.add(new PairedRow.Pair(i + 1, i % 2 == 0, 10, 10 * ratios[i], 1.0));
        }
        pairs.add(new PairedRow.Pair(6, true, 10, 40, 3.8)); // set aside: the floor moved within the pair
        PairedRow row = new PairedRow("RoundTripBenchmark.roundTrip", "payload=64 placement=cross-core transport=pipe", "avgt", "us/op",
                pairs, 0, 0);
        PairedRow unknown = new PairedRow("StreamBenchmark.stream", "payload=64 placement=cross-core transport=pipe", "thrpt", "ops/s",
                List.of(new PairedRow.Pair(1, false, 10, 10, 1.0)), 0, 0);
        Fingerprint fingerprint = run("a1", 1).fingerprint();
        Path file = dir.resolve("aa.json");
        Noise.paired(List.of(row, unknown), fingerprint, "results/ab/x").write(file);
        Noise read = Noise.read(file);
        assertThat(read.get(PIPE)).isEqualTo(new Noise.Spread(row.spread(), 5));
        assertThat(read.get(unknown.key())).as("one pair: spread unknown").isNull();
        assertThat(read.rows()).containsKey(unknown.key());
        assertThat(read.source()).isEqualTo("the kept fork pairs of an A/A scripts/ab run");
        assertThat(read.appliesTo(fingerprint)).isTrue();
    }

    /**
     * Both tools judge a round trip by its RTT p50, every other row by its score: each row's spread names its
     * figure, and a spread serves only a row judged by the figure it was taken of.
     */
    @Test
    void aSpreadServesOnlyTheFigureItWasTakenOf() throws Exception {
        List<PairedRow.Pair> pairs = new ArrayList<>();
        for (double ratio : new double[] {1.02, 0.97, 1.05, 0.99}) {
            pairs.add(new PairedRow.Pair(pairs.size() + 1, false, 30, 30 * ratio, 1.0));
        }
        PairedRow row = new PairedRow("RoundTripBenchmark.roundTrip", "payload=64 placement=cross-core transport=pipe", "avgt",
                "µs RTT p50", pairs, 0, 0, JudgedFigure.RTT_P50);
        Path file = dir.resolve("aa.json");
        Noise.paired(List.of(row), null, "results/ab/x").write(file);
        assertThat(file).content().contains("\"figure\" : \"RTT p50\"");
        Noise read = Noise.read(file);
        assertThat(read.get(PIPE, JudgedFigure.RTT_P50)).isEqualTo(new Noise.Spread(row.spread(), 4, JudgedFigure.RTT_P50));
        assertThat(read.get(PIPE, JudgedFigure.SCORE)).isNull();
        assertThat(read.floor(PIPE, JudgedFigure.SCORE)).isZero();
        assertThat(read.floor(PIPE, JudgedFigure.RTT_P50)).isPositive();
        Noise calibrated = Noise.calibrate(List.of(run("a1", 1), run("a2", 2.5)));
        assertThat(calibrated.get(PIPE, JudgedFigure.RTT_P50)).as("whole runs' p50s").isNotNull();
        assertThat(calibrated.get(PIPE, JudgedFigure.SCORE)).isNull();
        assertThat(calibrated.get(PIPE.replace("RoundTripBenchmark.roundTrip", "StreamBenchmark.stream").replace("avgt", "thrpt"),
                JudgedFigure.SCORE)).as("a stream's scores").isNotNull();
        assertThat(Noise.read(Path.of("results/gate/aa.json")).get(PIPE, JudgedFigure.SCORE)).as("a file from before: scores").isNotNull();
    }

    @Test
    void theCommittedFilesAreReadAndTheEarlierNoiseFloorsRefusedInOneLine() throws Exception {
        Noise gate = Noise.read(Path.of("results/gate/aa.json"));
        assertThat(gate.rows()).hasSize(8);
        assertThat(gate.get(PIPE)).as("\"pairs\" read as n").isEqualTo(new Noise.Spread(0.0176843527254354, 6));
        assertThat(gate.appliesTo(run("a1", 1).fingerprint())).as("no machine identity: never applied blind").isFalse();
        try (var files = Files.list(Path.of("results/gate"))) {
            for (Path aa : files.filter(f -> f.getFileName().toString().matches("aa.*\\.json")).toList()) {
                assertThat(Noise.read(aa).rows()).as(aa.toString()).isNotEmpty();
            }
        }
        Noise calibrated = Noise.read(Path.of("results/noise.json"));
        assertThat(calibrated.source()).isEqualTo("3 runs");
        assertThat(calibrated.rows()).hasSize(48).allSatisfy((key, spread) -> assertThat(spread.n()).isEqualTo(3));
        Path floors = Files.writeString(dir.resolve("old-noise.json"), "{\"identity\": {}, \"runs\": [], \"floors\": {\"x avgt\": 0.2}}");
        assertThatThrownBy(() -> Noise.read(floors)).isInstanceOf(BadInput.class)
                .hasMessageContaining("is not a noise file").hasMessageContaining("earlier shape: run scripts/calibrate again");
        Path other = Files.writeString(dir.resolve("other.json"), "[1, 2]");
        assertThatThrownBy(() -> Noise.read(other)).isInstanceOf(BadInput.class).hasMessageContaining("is not a noise file")
                .hasMessageNotContaining("earlier shape");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{ \"rows\": ");
        assertThatThrownBy(() -> Noise.read(broken)).isInstanceOf(BadInput.class).hasMessageContaining("is not valid JSON");
    }
}
