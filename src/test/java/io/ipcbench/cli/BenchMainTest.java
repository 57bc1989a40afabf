package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.ClockSource;
import io.ipcbench.hygiene.Ledger;
import io.ipcbench.machine.RunConditions;
import io.ipcbench.nativeio.KernelLimits;
import io.ipcbench.report.JmhJsonFixture;

/** Bad input never reaches JMH: one line naming the problem and what is valid, exit 2, nothing written. */
class BenchMainTest {

    /** The settle command repeats the axes every row shared beyond the defaults, and nothing for a run at the defaults. */
    @Test
    void theAxesARunSharedBeyondTheDefaultsAreRepeated() {
        List<io.ipcbench.report.ResultRow> rows = io.ipcbench.report.ResultSet.load(Path.of("results", "verdict-quick", "run1")).rows();
        assertThat(BenchMain.fixedParams(rows)).isEmpty();
        List<io.ipcbench.report.ResultRow> sameCore = rows.stream().map(r -> {
            java.util.TreeMap<String, String> params = new java.util.TreeMap<>(r.params());
            params.put("placement", "same-core");
            params.put("wait", "spin");
            return new io.ipcbench.report.ResultRow(r.benchmark(), r.mode(), params, r.unit(), r.score(), r.forks(), r.forkScores(),
                    r.secondary(), r.latency(), r.oneWay());
        }).toList();
        assertThat(BenchMain.fixedParams(sameCore)).isEqualTo("-p placement=same-core -p wait=spin ");
        List<io.ipcbench.report.ResultRow> mixed = new java.util.ArrayList<>(rows);
        mixed.addAll(sameCore);
        assertThat(BenchMain.fixedParams(mixed)).as("an axis the run varied is not fixed").isEmpty();
    }
    @TempDir
    Path results;

    private static Console launch(String... argv) {
        return Console.capture(() -> BenchMain.run(argv));
    }

    private void assertRefusedInOneLine(String args, String expected) {
        Console outcome = launch((("--results-dir=" + results + " ") + args).trim().split("\\s+"));
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("ipc-bench: ").contains(expected);
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(outcome.err()).doesNotContain("\tat ");
        assertThat(results.toFile().list()).as("nothing written for bad input").isNullOrEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-p transport=carrier-pigeon | unknown transport 'carrier-pigeon'; valid: pipe, fifo, uds, tcp, sysv-mq, posix-mq, shm-signal, shm-sem, shm-spin",
        "-p transport=shm-spin -p placement=same-core | shm-spin cannot run same-core",
        "-p transport=aeron-ipc -p placement=same-core | aeron-ipc cannot run same-core",
        "-p transport=chronicle-queue -p placement=same-core | chronicle-queue cannot run same-core",
        "-p transport=agrona-ring -p placement=same-core | agrona-ring cannot run same-core",
        "-p placement=far-away       | unknown placement 'far-away'; valid: cross-core, same-core, unpinned",
        "-p payload=0                | payload 0 is out of range; valid: 24",
        "-p payload=-1               | payload '-1' is not a number of bytes written in plain digits",
        "-p payload=15               | payload 15 is out of range",
        "-p payload=abc              | payload 'abc' is not a number of bytes",
        "-p payload=+64              | payload '+64' is not a number of bytes written in plain digits",
        "-p payload=064              | payload '064' is not a number of bytes written in plain digits",
        "-p payload=2147483648       | payload 2147483648 is out of range",
        "-p payload=64,1073741825    | payload 1073741825 is out of range",
        "-no-such-option             | cannot parse the JMH options '-no-such-option'",
        "-rff x.csv                  | -rf/-rff are not needed",
        "--profile=slow              | unknown profile 'slow'; valid: full, quick, load",
        "--idle=always               | unknown idle mode 'always'; valid: as-booted, poll",
        "-t 2                        | -t 2: each trial is one pair of processes pinned to its CPUs",
        "-p Transport=pipe           | unknown parameter 'Transport' in -p; valid: transport, payload, placement, wait, capacity, rate, direction",
        "-p capacity=64k             | capacity '64k' is not a number of bytes; valid: default (each mechanism's own)",
        "-p capacity=100             | capacity 100 is out of range; valid: default",
        "-p transport=aeron-ipc -p capacity=65536 | aeron-ipc cannot run capacity=65536: its buffers are sized as the library is configured",
        "-p rate=fast                | rate 'fast': give messages per second (a whole number from 1 to 10^9) or 'max'",
        "-p rate=1000,0              | rate '0': give messages per second",
        "-p direction=sideways       | direction 'sideways': give roundtrip (the default: echoed, timed there and back) or oneway",
        "-p direction=roundtrip,one-way | direction 'one-way': give roundtrip",
        "-p foo=1                    | unknown parameter 'foo' in -p",
        "-r 0s                       | an iteration needs a time above zero",
    })
    void badInputIsOneLineAndExitTwo(String args, String expected) {
        assertRefusedInOneLine(args, expected);
    }

    /**
     * kernel.msgmnb below a sysv-mq chunk: refused before the run, instead of a trial that waits 8 s
     * and then blames the peer. Beside payloads that fit, such a payload is skipped (SweepPlanTest);
     * when nothing fits, the run is refused with the first reason.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-p transport=sysv-mq -p payload=65536", "-p transport=sysv-mq -p payload=65536,1048576",
        "-p transport=sysv-mq -p payload=65536 -p placement=cross-core,same-core"})
    void aQueueThatCannotHoldAChunkIsRefusedBeforeTheRun(String args) {
        try (var msgmax = KernelLimits.override(KernelLimits.MSGMAX, "8192"); var msgmnb = KernelLimits.override(KernelLimits.MSGMNB, "4096")) {
            assertRefusedInOneLine(args, "sysv-mq: payload 65536 travels in 8192-byte messages (kernel.msgmax = 8192), which never fit"
                    + " a queue of kernel.msgmnb = 4096 bytes; raise kernel.msgmnb to 8192 or more, or lower kernel.msgmax to 4096 or less");
        }
    }

    /** One-way load rows need a clock every CPU reads alike: refused in one line where there is none; round trips run anyway. */
    @Test
    void oneWayLoadIsRefusedWhereTheClockIsNotShared() {
        assertThatThrownBy(() -> BenchMain.checkOneWay(List.of("roundtrip", "oneway"), "jiffies")).isInstanceOf(BadInput.class)
                .hasMessage("direction=oneway: one-way latency needs a clock every CPU reads alike; the clock source is jiffies,"
                        + " not one of " + String.join(", ", ClockSource.SHARED));
        BenchMain.checkOneWay(List.of("roundtrip"), "jiffies");
        BenchMain.checkOneWay(List.of("oneway"), "kvm-clock");
    }

    /** A comma and a space split by JMH leave " 1024": refused before anything runs, not misfiled. */
    @Test
    void aPayloadWithASpaceIsRefused() {
        Console outcome = launch("--results-dir=" + results, "-p", "payload=64, 1024");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("ipc-bench: payload ' 1024' is not a number of bytes");
    }

    /** A step after the measurement fails: the measured results stay, and the line says how to redo the rest. */
    @Test
    void aFailureAfterTheRunKeepsItsResults() throws Exception {
        Path run = Files.createDirectories(results.resolve("20260101-000000"));
        JmhJsonFixture.writeSample(run.resolve("jmh.json"));
        Files.createDirectory(run.resolve("fingerprint.json")); // the fingerprint cannot be written
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BenchMain.finishRun(run, java.util.List.of(), "quick", java.util.Map.of(), RunConditions.notMeasured("a test"),
                    java.util.List.of(), "mvn jmh:run -Djmh.profile=quick");
        } finally {
            System.setErr(original);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(printed).startsWith("ipc-bench: the results are safe in " + run.resolve("jmh.json"))
                .contains("writing the fingerprint failed").contains("scripts/plot " + run).doesNotContain("\tat ");
        assertThat(printed.strip().lines()).hasSize(1);
        assertThat(run.resolve("jmh.json")).exists();
    }

    /** The ledger is checked before anything runs, and the line names the setting that moves it. */
    @Test
    void anUnwritableLedgerIsRefusedBeforeTheRun() throws Exception {
        Path notADirectory = Files.writeString(results.resolve("ledger-file"), "x");
        String saved = System.getProperty(Ledger.DIRECTORY_PROPERTY);
        Console outcome;
        try {
            System.setProperty(Ledger.DIRECTORY_PROPERTY, notADirectory.toString());
            outcome = launch("--results-dir=" + results.resolve("runs"), "-p", "transport=pipe");
        } finally {
            System.setProperty(Ledger.DIRECTORY_PROPERTY, saved);
        }
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("ipc-bench: cannot write the ledger of created objects in " + notADirectory)
                .contains("set IPCBENCH_LEDGER_DIR=DIR");
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(results.resolve("runs")).as("nothing written before the refusal").doesNotExist();
    }

    @Test
    void unwritableResultsDirIsOneLine() throws Exception {
        Path blocker = Files.writeString(results.resolve("a-file"), "not a directory");
        Console outcome = launch("--results-dir=" + blocker.resolve("runs"), "-p", "transport=pipe");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("ipc-bench: cannot write results under");
    }
}
