package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.hygiene.Ledger;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.peer.CpuCostProfiler;
import io.ipcbench.peer.TrialProfiler;
import io.ipcbench.report.ResultRow;
import io.ipcbench.report.ResultSet;
import io.ipcbench.testing.NoLeftovers;

/**
 * Issue 13 end to end: LoadBenchmark through the launcher, as {@code mvn jmh:run -Djmh.args="LoadBenchmark
 * ..."} runs it, on a kernel and a shared-memory transport at a low rate, at {@code max} and at a rate
 * no transport reaches, with tiny iterations. Each row carries the rate achieved, the saturation flag, the round-trip percentiles and
 * both sides' CPU; every round trip is in a histogram log named with its rate; the timed path
 * (pacing included) allocates nothing (JMH's {@code -prof gc}, as in {@code MeasuredRunTest}); and
 * the report has the load charts.
 */
@ExtendWith(NoLeftovers.class)
class LoadRunTest {
    /** A message every nanosecond: no transport keeps up, so the row must be marked saturated. */
    private static final String IMPOSSIBLE_RATE = "1000000000";

    @TempDir
    Path results;

    @Test
    void aPacedRunCarriesRateSaturationLatencyAndCpu() throws Exception {
        assumeTrue(Sys.onlineCpus() >= 2, "cross-core needs two CPUs");
        Console outcome = Console.capture(() -> BenchMain.run(new String[] {"--results-dir=" + results.resolve("runs"),
            "-p", "transport=pipe,shm-spin", "-p", "payload=64", "-p", "rate=1000,max," + IMPOSSIBLE_RATE,
            "-f", "1", "-wi", "1", "-w", "200ms", "-i", "2", "-r", "300ms", "-prof", "gc",
            "-o", results.resolve("jmh-output.txt").toString(),
            "-jvmArgsAppend", "-D" + Ledger.DIRECTORY_PROPERTY + "=" + Ledger.directory(), "LoadBenchmark"}));
        assertThat(outcome.exit()).as(outcome.err()).isZero();

        Path run = results.resolve("runs").resolve("latest").toRealPath();
        List<ResultRow> rows = ResultSet.load(run).rows();
        assertThat(rows).extracting(r -> r.benchmark() + " " + r.param("transport") + " " + r.param("rate"))
                .containsExactlyInAnyOrder("LoadBenchmark.load pipe 1000", "LoadBenchmark.load pipe max",
                        "LoadBenchmark.load pipe " + IMPOSSIBLE_RATE, "LoadBenchmark.load shm-spin 1000",
                        "LoadBenchmark.load shm-spin max", "LoadBenchmark.load shm-spin " + IMPOSSIBLE_RATE);
        for (ResultRow row : rows) {
            String name = row.param("transport") + " rate=" + row.param("rate");
            assertThat(row.secondary()).as(name).containsKeys(TrialProfiler.ACHIEVED, TrialProfiler.SATURATED, "rtt.p50", "rtt.p99",
                    "rtt.p99.9", "rtt.max", "rtt.count", CpuCostProfiler.INITIATOR, CpuCostProfiler.PEER,
                    CpuCostProfiler.INITIATOR_UTILIZATION, CpuCostProfiler.PEER_UTILIZATION);
            assertThat(row.secondary().get(TrialProfiler.ACHIEVED).score()).as("%s: the achieved rate is the score", name)
                    .isCloseTo(row.score(), org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(row.latency()).as("%s: percentiles from the histogram logs", name).isNotNull();
            double saturated = row.secondary().get(TrialProfiler.SATURATED).score();
            switch (row.param("rate")) {
                case "1000" -> {
                    // far below any transport's ceiling; not asserted unsaturated: on two CPUs a JIT thread that
                    // preempts a spinner for 15 ms at the end of a 0.3 s iteration costs 5 % of it
                    assertThat(row.score()).as("%s: achieved", name).isBetween(500.0, 1100.0);
                    assertThat(saturated).as("%s: saturated", name).isIn(0.0, 1.0);
                }
                case IMPOSSIBLE_RATE -> assertThat(saturated).as("%s: saturated", name).isEqualTo(1.0);
                default -> assertThat(saturated).as("%s: max has no target", name).isZero();
            }
            AllocationCheck.assertNothingAllocated(row, "rtt.count", name);
        }
        assertThat(run.resolve("load-64.png")).as("latency against the rate achieved").isNotEmptyFile();
        assertThat(run.resolve("load-cpu-64.png")).as("CPU per message against the rate achieved").isNotEmptyFile();
        assertThat(Files.readString(run.resolve("report.html"))).contains("<h2>Latency under load</h2>")
                .containsPattern("<b>[2-4] rows are saturated.</b>").contains("<td>" + IMPOSSIBLE_RATE + "</td>")
                .contains("Latency under load at 64 B").doesNotContain("<th>RTT mean (µs) [95 %]</th>");
        try (var logs = Files.list(run.resolve("histograms"))) {
            assertThat(logs.map(p -> p.getFileName().toString()))
                    .contains("LoadBenchmark-transport=pipe-payload=64-placement=cross-core-wait=default-capacity=default-rate=1000-direction=roundtrip-fork1.hlog");
        }
    }
}
