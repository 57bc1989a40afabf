package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.core.ClockSource;
import io.ipcbench.core.LoadDirection;
import io.ipcbench.hygiene.Ledger;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.peer.LatencyProfiler;
import io.ipcbench.peer.TrialProfiler;
import io.ipcbench.report.Latency;
import io.ipcbench.report.HtmlReport.OneWayRows;
import io.ipcbench.report.ResultRow;
import io.ipcbench.report.ResultSet;
import io.ipcbench.testing.NoLeftovers;

/**
 * Issue 28 end to end, as {@code mvn jmh:run} runs it, with tiny iterations: the stream and a paced
 * one-way load over a kernel and a shared-memory transport. Every stream row and one-way load row
 * carries the one-way percentiles with their count and no message read before its stamp; each
 * fork's one-way histograms are in {@code histograms/…-fork1.oneway.hlog}, from which the result
 * set gives the row's one-way latency; one-way load rows say so and carry no round trips; the timed
 * path, stamp included, allocates nothing ({@code -prof gc}, as in {@code LoadRunTest}).
 */
@ExtendWith(NoLeftovers.class)
class OneWayRunTest {

    @TempDir
    Path results;

    @Test
    void streamAndOneWayLoadRowsCarryOneWayPercentiles() throws Exception {
        assumeTrue(Sys.onlineCpus() >= 2, "cross-core needs two CPUs");
        assumeTrue(ClockSource.refusal() == null, ClockSource.refusal());
        Console outcome = Console.capture(() -> BenchMain.run(new String[] {"--results-dir=" + results.resolve("runs"),
            "-p", "transport=pipe,shm-spin", "-p", "payload=64", "-p", "rate=1000,max", "-p", "direction=oneway",
            "-f", "1", "-wi", "1", "-w", "200ms", "-i", "2", "-r", "300ms", "-prof", "gc",
            "-o", results.resolve("jmh-output.txt").toString(),
            "-jvmArgsAppend", "-D" + Ledger.DIRECTORY_PROPERTY + "=" + Ledger.directory(), "(Stream|Load)Benchmark"}));
        assertThat(outcome.exit()).as(outcome.err()).isZero();

        Path run = results.resolve("runs").resolve("latest").toRealPath();
        List<ResultRow> rows = ResultSet.load(run).rows();
        assertThat(rows).extracting(r -> r.benchmark() + " " + r.transportLabel() + " " + r.param("rate")).containsExactlyInAnyOrder(
                "StreamBenchmark.stream pipe ", "StreamBenchmark.stream shm-spin ",
                "LoadBenchmark.load pipe direction=oneway 1000", "LoadBenchmark.load pipe direction=oneway max",
                "LoadBenchmark.load shm-spin direction=oneway 1000", "LoadBenchmark.load shm-spin direction=oneway max");
        assertThat(OneWayRows.withOneWay(rows)).hasSameSizeAs(rows);
        for (ResultRow row : rows) {
            String name = row.benchmark() + " " + row.transportLabel() + " " + row.param("rate");
            assertThat(row.secondary()).as(name).containsKeys("oneway.p50", "oneway.p90", "oneway.p99", "oneway.p99.9",
                    "oneway.p99.99", "oneway.max", "oneway.count", LatencyProfiler.INVERSIONS).doesNotContainKey("rtt.p50");
            assertThat(row.secondary().get(LatencyProfiler.INVERSIONS).score()).as("%s: read before their stamp", name).isZero();
            Latency oneWay = row.oneWay();
            assertThat(oneWay).as("%s: one-way latency", name).isNotNull();
            assertThat(oneWay.source()).as("%s: from the histogram logs", name).isEqualTo(Latency.Source.HISTOGRAMS);
            assertThat(oneWay.get("p50").value().median()).as(name).isPositive()
                    .isLessThanOrEqualTo(oneWay.get("max").value().median());
            assertThat(row.latency()).as("%s: no round trips", name).isNull();
            if (row.isLoad()) {
                assertThat(row.direction()).isEqualTo(LoadDirection.ONEWAY);
                assertThat(row.loadLatency()).isSameAs(oneWay);
                assertThat(row.secondary()).as(name).containsKeys(TrialProfiler.ACHIEVED, TrialProfiler.SATURATED);
            } else {
                assertThat(row.direction()).isNull();
            }
            AllocationCheck.assertNothingAllocated(row, "oneway.count", name);
        }
        try (var logs = Files.list(run.resolve("histograms"))) {
            assertThat(logs.map(p -> p.getFileName().toString())).contains(
                    "StreamBenchmark-transport=pipe-payload=64-placement=cross-core-wait=default-capacity=default-fork1.oneway.hlog",
                    "LoadBenchmark-transport=shm-spin-payload=64-placement=cross-core-wait=default-capacity=default-rate=1000"
                            + "-direction=oneway-fork1.oneway.hlog");
        }
    }
}
