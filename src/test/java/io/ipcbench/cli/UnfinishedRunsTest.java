package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.hygiene.Ledger;

/**
 * Which run folders the next launch removes: only those marked by a launcher that is gone — a pid
 * the kernel gave to another process since is gone too —, never a finished run, a live launcher's,
 * or one whose marker cannot be read. (InterruptedRunTest kills a real launcher.)
 */
class UnfinishedRunsTest {
    @TempDir
    Path results;

    @Test
    void onlyTheRunsOfLaunchersThatAreGoneAreRemovedHistogramsAndAll() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        long goneStart = Ledger.startMillis(gone.toHandle());
        gone.waitFor();
        Path killed = run("killed", gone.pid() + " " + goneStart);
        Files.createDirectories(killed.resolve("histograms"));
        Files.writeString(killed.resolve("histograms").resolve("fork-1.hlog"), "#");
        ProcessHandle self = ProcessHandle.current();
        Path reused = run("reused", self.pid() + " " + (Ledger.startMillis(self) - 1_000));
        Path live = run("live", null);
        UnfinishedRuns.mark(live);
        Path finished = run("finished", null);
        Path unreadable = run("unreadable", "not a pid");

        assertThat(UnfinishedRuns.removeAbandoned(results)).containsExactlyInAnyOrder(killed, reused);
        assertThat(killed).doesNotExist();
        assertThat(reused).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(finished).isDirectory();
        assertThat(unreadable).isDirectory();

        UnfinishedRuns.finished(live);
        assertThat(live.resolve(UnfinishedRuns.MARKER)).doesNotExist();
        assertThat(UnfinishedRuns.removeAbandoned(results.resolve("none"))).as("no results folder yet").isEmpty();
    }

    /** A run folder with a jmh.json, marked with {@code marker} (none if null). */
    private Path run(String name, String marker) throws Exception {
        Path run = Files.createDirectories(results.resolve(name));
        Files.writeString(run.resolve("jmh.json"), "[]");
        if (marker != null) {
            Files.writeString(run.resolve(UnfinishedRuns.MARKER), marker + "\n");
        }
        return run;
    }
}
