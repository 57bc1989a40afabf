package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ipcbench.floor.ForkFloorProfiler;
import io.ipcbench.hygiene.Ledger;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.testing.NoLeftovers;

/**
 * A trial's forks are spread across the run: with -f 2 the launcher runs one fork of every trial,
 * then the second of every trial, and still writes one jmh.json in which each trial is one result
 * of 2 forks (JMH Visualizer reads its "forks" and one rawData entry per fork), one histogram log per
 * fork, and one closing "Run complete" over both passes.
 */
@ExtendWith(NoLeftovers.class)
class InterleavedForksRunTest {
    @TempDir
    Path results;

    @Test
    void eachPassRunsOneForkOfEveryTrialAndTheJsonHoldsThemAllPerTrial() throws Exception {
        assumeTrue(Sys.onlineCpus() >= 2, "cross-core needs two CPUs");
        Path jmhOutput = results.resolve("jmh-output.txt");
        Console console = Console.capture(() -> BenchMain.run(new String[] {"--results-dir=" + results.resolve("runs"),
                    "-p", "transport=pipe", "-p", "payload=64,1024", "-f", "2", "-wi", "0", "-i", "1", "-r", "100ms",
                    "-o", jmhOutput.toString(), "-jvmArgsAppend", "-D" + Ledger.DIRECTORY_PROPERTY + "=" + Ledger.directory(),
                    "RoundTripBenchmark"}));
        assertThat(console.exit()).as(console.err()).isZero();
        assertThat(console.out()).contains("ipc-bench: pass 1 of 2 (one fork of every trial, in a new random order)",
                "ipc-bench: pass 2 of 2", "ipc-bench: placements of the host, by each fork's floor: ");

        // the forks as they ran: each pass holds each trial once
        List<String> trials = Files.readAllLines(jmhOutput).stream().filter(line -> line.startsWith("# Parameters: ")).toList();
        assertThat(trials).hasSize(4);
        assertThat(trials.subList(0, 2)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(trials.subList(2, 4));
        assertThat(Files.readAllLines(jmhOutput).stream().filter(line -> line.startsWith("# Run complete. Total time: "))).hasSize(1);

        Path run = results.resolve("runs").resolve("latest").toRealPath();
        JsonNode json = new ObjectMapper().readTree(run.resolve("jmh.json").toFile());
        assertThat(json).hasSize(2);
        for (JsonNode trial : json) {
            assertThat(trial.get("forks").asInt()).isEqualTo(2);
            assertThat(trial.get("primaryMetric").get("rawData")).hasSize(2);
            assertThat(trial.get("secondaryMetrics").get(ForkFloorProfiler.METRIC).get("rawData")).hasSize(2);
            assertThat(trial.get("secondaryMetrics").get(ForkFloorProfiler.WAKE_UP_METRIC).get("rawData")).hasSize(2);
        }
        assertThat(json.get(0).get("params").get("payload").asText()).isEqualTo("64"); // JMH's order, not the passes'
        try (Stream<Path> logs = Files.list(run.resolve("histograms"))) {
            assertThat(logs.map(p -> p.getFileName().toString()).sorted()).hasSize(4)
                    .anyMatch(name -> name.contains("payload=1024") && name.endsWith("-fork2.hlog"));
        }
    }
}
