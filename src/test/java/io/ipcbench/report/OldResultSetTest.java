package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.cli.CompareMainAccess;

/**
 * Result sets from before the suite recorded every round trip — the first version's one-fork baseline and one of
 * its quick runs (results/earlier/ until git history took them; kept here compressed): round trips in SampleTime
 * mode, one fork, no histograms — still load, plot and compare, from a gzip-compressed jmh.json.gz as curated sets
 * keep it.
 */
class OldResultSetTest {
    private static final Path BASELINE = Path.of("src", "test", "resources", "old-result-sets", "one-fork-baseline");
    private static final Path CALIBRATION = Path.of("src", "test", "resources", "old-result-sets", "one-fork-quick");

    @TempDir
    Path dir;

    private static ResultRow row(ResultSet set, String benchmark, String transport, String payload) {
        return set.rows().stream().filter(r -> r.benchmark().equals(benchmark) && r.param("transport").equals(transport)
                && r.param("payload").equals(payload)).findFirst().orElseThrow();
    }

    @Test
    void theBaselineLoadsWithJmhsSampleTimePercentiles() {
        ResultSet set = ResultSet.load(BASELINE);
        assertThat(set.rows()).hasSize(90);
        ResultRow pipe = row(set, "RoundTripBenchmark.roundTrip", "pipe", "64");
        assertThat(pipe.mode()).isEqualTo("sample");
        assertThat(pipe.forkCount()).isEqualTo(1);
        assertThat(pipe.estimate().hasInterval()).isFalse();
        assertThat(pipe.iterations()).hasSize(5);
        Latency latency = pipe.latency();
        assertThat(latency.source()).isEqualTo(Latency.Source.SAMPLE_TIME);
        assertThat(latency.get("p50").value().median()).isEqualTo(88.06400000000001); // JMH's own figure
        assertThat(latency.samples()).isEqualTo(40_090); // the samples JMH kept, over its 5 iterations
        assertThat(latency.get("p99.9").text()).isEqualTo("3,407");
        assertThat(latency.get("p99.99").text()).as("40,090 × 0.0001 < 10").isEqualTo("n/a (40,090 samples)");
        assertThat(row(set, "StreamBenchmark.stream", "pipe", "64").latency()).isNull();
    }

    @Test
    void theBaselinePlots() throws Exception {
        Path out = dir.resolve("plot");
        assertThat(CompareMainAccess.plot(BASELINE.toString(), "--out", out.toString())).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Forks: 1 per row").contains("Rows with fewer than 3 forks show no interval")
                .contains("JMH SampleTime percentiles").contains("40,090 in total")
                .contains("<td>pipe</td><td>1 MiB</td><td>cross-core</td><td>1</td><td>4,973</td><td>5,697</td><td>n/a (878 samples)</td>")
                .contains("pipe and fifo at 64 B not checked");
        for (String chart : new String[] {"rtt", "throughput", "spectrum", "cpu"}) {
            assertThat(out.resolve(chart + ".png")).isNotEmptyFile();
        }
    }

    @Test
    void theOneForkBaselineIsInconclusiveAndSaysSo() {
        // the full baseline against a quick run: different profiles, compared on purpose
        String[] result = CompareTest.compare(BASELINE.toString(), CALIBRATION.toString(), "--noise", "none", "--ignore-fingerprint");
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("**36 rows are inconclusive**: fewer than 3 forks in a set").contains("1/1 forks")
                .doesNotContain("| no change |");
    }

    @Test
    void aCompressedSetReadsAsItsJsonAndACorruptOneIsOneLine() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(CALIBRATION.resolve(ResultSet.COMPRESSED_JSON)))) {
            Files.write(plain.resolve("jmh.json"), in.readAllBytes());
        }
        assertThat(ResultSet.load(plain).rows()).extracting(r -> r.benchmark() + r.params() + r.score())
                .isEqualTo(ResultSet.load(CALIBRATION).rows().stream().map(r -> r.benchmark() + r.params() + r.score()).toList())
                .hasSize(36);

        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.writeString(corrupt.resolve(ResultSet.COMPRESSED_JSON), "not gzip");
        String[] result = CompareTest.compare(CALIBRATION.toString(), corrupt.toString());
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2].strip().lines()).hasSize(1);
        assertThat(result[2]).contains("cannot read").contains(ResultSet.COMPRESSED_JSON).doesNotContain("\tat ");
    }
}
