package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.hygiene.Ledger;
import io.ipcbench.report.JmhJsonFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input never reaches JMH: one line naming the problem and what is valid, exit 2, nothing written. */
class BenchMainTest {
    @TempDir
    Path results;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-p transport=carrier-pigeon | unknown transport 'carrier-pigeon'; valid: pipe, fifo, uds, tcp, sysv-mq, posix-mq, shm-signal, shm-sem, shm-spin",
        "-p transport=shm-spin -p placement=same-core | shm-spin cannot run same-core",
        "-p placement=far-away       | unknown placement 'far-away'; valid: cross-core, same-core, unpinned",
        "-p payload=0                | payload 0 is out of range; valid: 16",
        "-p payload=-1               | payload '-1' is not a number of bytes written in plain digits",
        "-p payload=15               | payload 15 is out of range",
        "-p payload=abc              | payload 'abc' is not a number of bytes",
        "-p payload=+64              | payload '+64' is not a number of bytes written in plain digits",
        "-p payload=064              | payload '064' is not a number of bytes written in plain digits",
        "-p payload=2147483648       | payload 2147483648 is out of range",
        "-p payload=64,1073741825    | payload 1073741825 is out of range",
        "-no-such-option             | cannot parse the JMH options '-no-such-option'",
        "-rff x.csv                  | -rf/-rff are not needed",
        "--profile=slow              | unknown profile 'slow'; valid: full, quick",
    })
    void badInputIsOneLineAndExitTwo(String args, String expected) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            String[] argv = (("--results-dir=" + results + " ") + args).trim().split("\\s+");
            exit = BenchMain.run(argv);
        } finally {
            System.setErr(original);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(2);
        assertThat(printed).startsWith("ipc-bench: ").contains(expected);
        assertThat(printed.strip().lines()).hasSize(1);
        assertThat(printed).doesNotContain("\tat ");
        assertThat(results.toFile().list()).as("nothing written for bad input").isNullOrEmpty();
    }

    /** A comma and a space split by JMH leave " 1024": refused before anything runs, not misfiled. */
    @org.junit.jupiter.api.Test
    void aPayloadWithASpaceIsRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BenchMain.run(new String[] {"--results-dir=" + results, "-p", "payload=64, 1024"});
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ipc-bench: payload ' 1024' is not a number of bytes");
    }

    /** A step after the measurement fails: the measured results stay, and the line says how to redo the rest. */
    @org.junit.jupiter.api.Test
    void aFailureAfterTheRunKeepsItsResults() throws Exception {
        Path run = Files.createDirectories(results.resolve("20260101-000000"));
        JmhJsonFixture.writeSample(run.resolve("jmh.json"));
        Files.createDirectory(run.resolve("fingerprint.json")); // the fingerprint cannot be written
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BenchMain.finishRun(run, java.util.List.of(), BenchMain.Profile.QUICK);
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
    @org.junit.jupiter.api.Test
    void anUnwritableLedgerIsRefusedBeforeTheRun() throws Exception {
        Path notADirectory = Files.writeString(results.resolve("ledger-file"), "x");
        String saved = System.getProperty(Ledger.DIRECTORY_PROPERTY);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            System.setProperty(Ledger.DIRECTORY_PROPERTY, notADirectory.toString());
            exit = BenchMain.run(new String[] {"--results-dir=" + results.resolve("runs"), "-p", "transport=pipe"});
        } finally {
            System.setErr(original);
            System.setProperty(Ledger.DIRECTORY_PROPERTY, saved);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(2);
        assertThat(printed).startsWith("ipc-bench: cannot write the ledger of created objects in " + notADirectory)
                .contains("set IPCBENCH_LEDGER_DIR=DIR");
        assertThat(printed.strip().lines()).hasSize(1);
        assertThat(results.resolve("runs")).as("nothing written before the refusal").doesNotExist();
    }

    @org.junit.jupiter.api.Test
    void unwritableResultsDirIsOneLine() throws Exception {
        Path blocker = Files.writeString(results.resolve("a-file"), "not a directory");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BenchMain.run(new String[] {"--results-dir=" + blocker.resolve("runs"), "-p", "transport=pipe"});
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ipc-bench: cannot write results under");
    }
}
