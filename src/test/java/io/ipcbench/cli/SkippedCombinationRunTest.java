package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ipcbench.floor.ForkFloorProfiler;
import io.ipcbench.hygiene.Ledger;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.report.ResultRow;
import io.ipcbench.report.ResultSet;
import io.ipcbench.testing.NoLeftovers;

/**
 * Issue 14, item 3, end to end: a sweep with one impossible combination (shm-spin × same-core) runs
 * the other three, names the skipped one in one line before the run and in the fingerprint and the
 * report, and leaves one jmh.json in JMH's format holding all three, although JMH ran twice.
 */
@ExtendWith(NoLeftovers.class)
class SkippedCombinationRunTest {
    private static final String SKIPPED = "transport=shm-spin payload=64 placement=same-core: shm-spin cannot run same-core";

    @TempDir
    Path results;

    @Test
    void theImpossibleCombinationIsSkippedAndTheRestRuns() throws Exception {
        assumeTrue(Sys.onlineCpus() >= 2, "cross-core needs two CPUs");
        Path jmhOutput = results.resolve("jmh-output.txt");
        Console console = Console.capture(() -> BenchMain.run(new String[] {"--results-dir=" + results.resolve("runs"),
                    "-p", "transport=pipe,shm-spin", "-p", "placement=cross-core,same-core", "-p", "payload=64",
                    "-f", "1", "-wi", "0", "-i", "1", "-r", "100ms", "-o", jmhOutput.toString(),
                    "-jvmArgsAppend", "-D" + Ledger.DIRECTORY_PROPERTY + "=" + Ledger.directory(), "RoundTripBenchmark"}));
        String stderr = console.err();
        assertThat(console.exit()).as(stderr).isZero();
        assertThat(stderr.lines().filter(line -> line.startsWith("ipc-bench: skipped "))).as(stderr)
                .singleElement().satisfies(line -> assertThat(line).startsWith("ipc-bench: skipped " + SKIPPED));

        Path run = results.resolve("runs").resolve("latest").toRealPath();
        List<ResultRow> rows = ResultSet.load(run).rows();
        assertThat(rows).extracting(r -> r.benchmark() + " " + r.param("transport") + " " + r.param("placement"))
                .containsExactlyInAnyOrder("RoundTripBenchmark.roundTrip pipe cross-core", "RoundTripBenchmark.roundTrip pipe same-core",
                        "RoundTripBenchmark.roundTrip shm-spin cross-core");
        // the floor each fork measured after its last iteration, the stream and the wake-up: one reading per fork of every row
        for (String metric : List.of(ForkFloorProfiler.METRIC, ForkFloorProfiler.WAKE_UP_METRIC)) {
            assertThat(rows).allSatisfy(row -> assertThat(row.secondary().get(metric)).as(row.key() + " " + metric).isNotNull()
                    .satisfies(floor -> assertThat(floor.iterations()).singleElement().satisfies(value -> assertThat(value).isPositive())));
        }
        JsonNode fingerprint = new ObjectMapper().readTree(run.resolve("fingerprint.json").toFile());
        assertThat(fingerprint.get("skipped")).hasSize(1);
        assertThat(fingerprint.get("skipped").get(0).asText()).startsWith(SKIPPED);
        assertThat(Files.readString(run.resolve("report.html"))).contains("Skipped: 1 combination").contains(SKIPPED);
        assertThat(Files.readString(jmhOutput)).as("-o holds the output of both JMH runs, not only the last")
                .contains("transport = pipe").contains("transport = shm-spin");
    }
}
