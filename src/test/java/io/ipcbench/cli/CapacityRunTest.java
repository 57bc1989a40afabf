package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ipcbench.hygiene.Ledger;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.peer.TrialProfiler;
import io.ipcbench.report.ResultRow;
import io.ipcbench.report.ResultSet;
import io.ipcbench.testing.NoLeftovers;

/**
 * -p capacity= end to end: a sweep over each mechanism's own buffers and 16 KiB runs every
 * mechanism that can size its buffers at both, skips the library ring's 16 KiB with its reason,
 * and every row carries the bytes it was granted in each measured iteration, in jmh.json, the
 * fingerprint and report.html: a pipe's own 64 KiB and a 64 B ring's 64 slots of 64 bytes beside
 * the 16 KiB asked.
 */
@ExtendWith(NoLeftovers.class)
class CapacityRunTest {
    private static final int SIXTEEN_KIB = 16384;

    @TempDir
    Path results;

    @Test
    void everyRowRecordsTheBuffersItWasGranted() throws Exception {
        assumeTrue(Sys.onlineCpus() >= 2, "cross-core needs two CPUs");
        Console console = Console.capture(() -> BenchMain.run(new String[] {"--results-dir=" + results.resolve("runs"),
                    "-p", "transport=pipe,shm-signal,agrona-ring", "-p", "capacity=default," + SIXTEEN_KIB, "-p", "payload=64",
                    "-f", "1", "-wi", "0", "-i", "2", "-r", "100ms", "-o", results.resolve("jmh-output.txt").toString(),
                    "-jvmArgsAppend", "-D" + Ledger.DIRECTORY_PROPERTY + "=" + Ledger.directory(), "RoundTripBenchmark"}));
        String stderr = console.err();
        assertThat(console.exit()).as(stderr).isZero();
        assertThat(stderr.lines().filter(line -> line.startsWith("ipc-bench: skipped "))).as(stderr).singleElement()
                .satisfies(line -> assertThat(line).contains("transport=agrona-ring payload=64 placement=cross-core capacity=16384: "
                        + "agrona-ring cannot run capacity=16384"));

        Path run = results.resolve("runs").resolve("latest").toRealPath();
        List<ResultRow> rows = ResultSet.load(run).rows();
        Map<String, ResultRow.Metric> granted = rows.stream().filter(row -> row.secondary().containsKey(TrialProfiler.CAPACITY))
                .collect(Collectors.toMap(ResultRow::transportLabel, row -> row.secondary().get(TrialProfiler.CAPACITY)));
        assertThat(rows).extracting(ResultRow::transportLabel).containsExactlyInAnyOrder("pipe", "pipe capacity=16384", "shm-signal",
                "shm-signal capacity=16384", "agrona-ring");
        assertThat(granted).as("the library ring does not say").containsOnlyKeys("pipe", "pipe capacity=16384", "shm-signal",
                "shm-signal capacity=16384");
        granted.values().forEach(metric -> assertThat(metric.iterations()).as("one figure per measured iteration").hasSize(2));
        assertThat(granted.get("pipe").score()).isEqualTo(65536);
        assertThat(granted.get("pipe capacity=16384").score()).isEqualTo(SIXTEEN_KIB);
        assertThat(granted.get("shm-signal").score()).as("64 slots of 64 bytes").isEqualTo(4096);
        assertThat(granted.get("shm-signal capacity=16384").score()).isEqualTo(SIXTEEN_KIB);

        JsonNode capacities = new ObjectMapper().readTree(run.resolve("fingerprint.json").toFile()).get("capacities");
        assertThat(capacities.get("pipe capacity=16384").get("64").asLong()).isEqualTo(SIXTEEN_KIB);
        assertThat(capacities.get("pipe").get("64").asLong()).isEqualTo(65536);
        assertThat(Files.readString(run.resolve("report.html"))).contains("<h2>Buffers</h2>")
                .contains("<tr><td>shm-signal capacity=16384</td><td>64 B: 16 KiB</td></tr>");
    }
}
