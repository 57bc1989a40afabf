package io.ipcbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.ipcbench.hygiene.Ledger;
import io.ipcbench.hygiene.PrivateDir;
import io.ipcbench.hygiene.ProcessState;

/**
 * Run folders whose launcher ended before JMH's results were written. Ctrl-C, a failed run and a
 * crash in Java are handled by the launcher itself (its shutdown hook deletes the folder); a
 * launcher killed with SIGKILL runs no hook, so every run folder is marked when it is made — the
 * launcher's pid and start time in {@value #MARKER} — and unmarked once its results are safe. The
 * next launch removes each marked folder whose launcher is gone (a pid the kernel reused has
 * another start time), and leaves one whose launcher still runs.
 */
final class UnfinishedRuns {
    static final String MARKER = ".unfinished";

    private UnfinishedRuns() {
    }

    /** Marks {@code runDir} as this process's, until {@link #finished}. */
    static void mark(Path runDir) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(runDir.resolve(MARKER), self.pid() + " " + Ledger.startMillis(self) + "\n", StandardCharsets.US_ASCII);
    }

    /** Its results are safe: the folder is a run like any other. */
    static void finished(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve(MARKER));
        } catch (IOException ignored) {
            // a marker left behind names this live process until it ends, then the folder is taken for unfinished:
            // only if the results are unreadable by then would that lose anything, and those are not results
        }
    }

    /** Removes the marked folders under {@code resultsDir} whose launcher is gone; the folders removed. */
    static List<Path> removeAbandoned(Path resultsDir) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(resultsDir)) {
            return removed;
        }
        try (Stream<Path> runs = Files.list(resultsDir)) {
            for (Path run : (Iterable<Path>) runs::iterator) {
                Path marker = run.resolve(MARKER);
                if (Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(marker) && !launcherAlive(marker)) {
                    delete(run);
                    removed.add(run);
                }
            }
        } catch (IOException ignored) {
            // a results folder we cannot list holds nothing we could remove
        }
        return removed;
    }

    /** Deletes {@code runDir} and everything in it (the forks' histogram logs are a folder of their own). */
    static void delete(Path runDir) {
        try {
            PrivateDir.delete(runDir);
        } catch (UncheckedIOException ignored) {
            // a run folder we could not remove is left for the user to see
        }
    }

    /** True unless the marker names a process that is gone; an unreadable marker is taken as alive (nothing removed on a guess). */
    private static boolean launcherAlive(Path marker) {
        String[] fields;
        try {
            fields = Files.readString(marker, StandardCharsets.US_ASCII).strip().split(" ");
        } catch (IOException e) {
            return true;
        }
        if (fields.length != 2 || !fields[0].matches("\\d{1,10}") || !fields[1].matches("\\d{1,19}")) {
            return true;
        }
        return ProcessState.runs(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
    }
}
