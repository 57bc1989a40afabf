package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ipcbench.machine.IdlePolling;
import io.ipcbench.hygiene.Ledger;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.testing.NoLeftovers;

/**
 * {@code --idle=poll} end to end: the run holds idle CPUs polling while it measures and writes its
 * fingerprint (which records it, and the report's machine line says it), and lets go when it ends;
 * where the hold cannot be taken (not root) the run is refused in one line before anything runs.
 */
@ExtendWith(NoLeftovers.class)
class IdlePollingRunTest {
    @TempDir
    Path results;

    @Test
    void aRunHeldPollingSaysSoAndLetsGoAtItsEnd() throws Exception {
        assumeTrue(Sys.onlineCpus() >= 2, "cross-core needs two CPUs");
        byte[] before = Files.isReadable(IdlePolling.DEVICE) ? Files.readAllBytes(IdlePolling.DEVICE) : null;
        Console console = Console.capture(() -> BenchMain.run(new String[] {"--results-dir=" + results.resolve("runs"), "--idle=poll",
                    "-p", "transport=pipe", "-p", "payload=64", "-f", "1", "-wi", "0", "-i", "1", "-r", "100ms",
                    "-jvmArgsAppend", "-D" + Ledger.DIRECTORY_PROPERTY + "=" + Ledger.directory(), "RoundTripBenchmark"}));
        if (!Files.isWritable(IdlePolling.DEVICE)) {
            assertThat(console.exit()).isEqualTo(2);
            assertThat(console.err().strip()).startsWith("ipc-bench: cannot hold idle CPUs polling: ").doesNotContain("\n");
            assertThat(results.resolve("runs")).doesNotExist();
            return;
        }
        assertThat(console.exit()).as(console.err()).isZero();
        Path run = results.resolve("runs").resolve("latest").toRealPath();
        JsonNode idle = new ObjectMapper().readTree(run.resolve("fingerprint.json").toFile()).get("cpuidle");
        assertThat(idle.get("cpuLatencyLimitUs").asLong()).as(idle.toString()).isZero();
        assertThat(run.resolve("report.html")).content().contains("CPUs held polling");
        assertThat(Files.readAllBytes(IdlePolling.DEVICE)).as("the request ends with the run").isEqualTo(before);
    }
}
