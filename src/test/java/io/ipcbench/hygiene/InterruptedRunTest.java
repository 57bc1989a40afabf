package io.ipcbench.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ipcbench.cli.BenchMain;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.testing.Processes;

/**
 * A run stopped from outside leaves nothing: no kernel object, no process, no half-written run
 * folder, no ledger entry.
 * <ul>
 * <li>Ctrl-C (SIGINT to the whole process group, as a terminal sends it) in the middle of a run stops
 * the launcher, the JMH fork and the peer within 5 s.
 * <li>SIGKILL to the launcher itself: the fork and the peer still go, and the next launch removes the run
 * folder the launcher could not.
 * <li>When whatever started the launcher dies ({@code mvn jmh:run}'s Maven, played here by a shell;
 * SIGKILL, or SIGTERM to its pid alone as CI runners send it), every process of the run is gone
 * within 2 s: each watches the one that started it.
 * </ul>
 *
 * <p>A terminal's Ctrl-C reaches processes whose SIGINT is at its default. A test suite started as a
 * background job of a script inherits SIGINT ignored (POSIX shells do that to background jobs), and
 * so would every JVM below it, which then rightly shrug the signal off: so the run is started
 * through {@code env --default-signal=INT}, and the test is skipped, saying why, where that cannot
 * be done. Each run keeps its own ledger, and whatever happens, the test kills what it started and
 * reclaims that ledger, so a failure here cannot leave objects that fail another test; and every
 * launcher watches the process that started it, so a test run killed mid-test leaves no run behind.
 */
@ExtendWith(NoLeftovers.class)
class InterruptedRunTest {
    /** SigIgn in /proc/PID/status is a bit mask of ignored signals; SIGINT is signal 2. */
    private static final long SIGINT_BIT = 1L << (2 - 1);
    private static final long CTRL_C_BOUND_MILLIS = 5_000;
    private static final long PARENT_DEATH_BOUND_MILLIS = 2_000;

    @TempDir
    Path results;

    @TempDir
    Path ledger;

    @Test
    void ctrlCMidRunStopsEverythingWithinFiveSeconds() throws Exception {
        Process launcher = startRun(List.of());
        stopMidRun(launcher, launcher.toHandle(), List.of("kill", "-INT", "--", "-" + launcher.pid()), CTRL_C_BOUND_MILLIS);
    }

    @ParameterizedTest(name = "SIG{0} to the launcher's parent")
    @ValueSource(strings = {"KILL", "TERM"})
    void deathOfWhatStartedTheRunStopsEverythingWithinTwoSeconds(String signal) throws Exception {
        // the shell plays Maven: it starts the launcher as `mvn jmh:run` does, and waits for it
        Process parent = startRun(List.of("sh", "-c", "\"$@\" & wait", "sh"));
        stopMidRun(parent, launcherUnder(parent), List.of("kill", "-" + signal, Long.toString(parent.pid())),
                PARENT_DEATH_BOUND_MILLIS);
    }

    /**
     * SIGKILL to the launcher itself runs none of its hooks: its fork and peer still go (each watches
     * the process that started it), and the half-written run folder stays, marked, until the next
     * launch removes it and says so.
     */
    @Test
    void aLauncherKilledOutrightLeavesItsRunFolderForTheNextLaunchToRemove() throws Exception {
        Process launcher = startRun(List.of());
        stopMidRun(launcher, launcher.toHandle(), List.of("kill", "-KILL", Long.toString(launcher.pid())), CTRL_C_BOUND_MILLIS, false);
        List<Path> left;
        try (var runs = Files.list(results)) {
            left = runs.toList();
        }
        assertThat(left).as("the killed launcher's run folder").singleElement();
        assertThat(left.get(0).resolve(".unfinished")).exists();
        Process next = new ProcessBuilder(launcherCommand("-p", "transport=pipe", "-p", "payload=64", "-f", "1", "-wi", "0", "-i", "1",
                "-r", "100ms", "RoundTripBenchmark")).redirectErrorStream(true).start();
        String output = new String(next.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(next.waitFor()).as(output).isZero();
        assertThat(output).contains("ipc-bench: removed " + left.get(0) + ": the unfinished run of a launcher that was killed");
        assertThat(left.get(0)).doesNotExist();
        Path finished = results.resolve("latest").toRealPath();
        assertThat(finished.resolve("jmh.json")).exists();
        assertThat(finished.resolve(".unfinished")).as("a finished run is unmarked").doesNotExist();
    }

    /** A run of shm-sem round trips long enough to be stopped mid-trial, behind {@code wrapper}. */
    private Process startRun(List<String> wrapper) throws Exception {
        assumeTrue(canResetSigint(), "this system's env(1) has no --default-signal, so the run would inherit"
                + " this test's SIGINT disposition (ignored in a background job)");
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", "setsid"));
        command.addAll(wrapper);
        command.addAll(launcherCommand("-p", "transport=shm-sem", "-p", "payload=64", "-f", "1", "-wi", "20", "-w", "5s", "-i", "20", "-r", "5s",
                "RoundTripBenchmark"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The launcher in a JVM of its own with this JVM's flags, writing to this test's results and ledger. */
    private List<String> launcherCommand(String... jmhArgs) {
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath()));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-D" + Ledger.DIRECTORY_PROPERTY + "=" + ledger, "-cp", System.getProperty("java.class.path"),
                BenchMain.class.getName(), "--results-dir=" + results));
        command.add("--exit-with-parent"); // under a shell, what is tested; directly under this JVM, so a killed test run leaves no run
        command.addAll(List.of(jmhArgs));
        return command;
    }

    private static ProcessHandle launcherUnder(Process parent) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var launcher = parent.children().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst();
            if (launcher.isPresent()) {
                return launcher.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the shell did not start the launcher within 5 s");
    }

    private void stopMidRun(Process top, ProcessHandle launcher, List<String> kill, long boundMillis) throws Exception {
        stopMidRun(top, launcher, kill, boundMillis, true);
    }

    /** Stops the run mid-trial with {@code kill}; {@code hooksRun}: the launcher had the chance to remove its run folder. */
    private void stopMidRun(Process top, ProcessHandle launcher, List<String> kill, long boundMillis, boolean hooksRun) throws Exception {
        Set<String> before = NoLeftovers.objects();
        try {
            // mid-run: a peer exists below the launcher once a fork has started (it starts its peer
            // ahead of the trial, PeerProcess.prestart); a second later the trial is running
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (launcher.descendants().noneMatch(p -> p.info().commandLine().orElse("").contains("PeerMain"))) {
                assertThat(top.isAlive()).as("the run is still going").isTrue();
                assertThat(System.nanoTime()).as("a trial started within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(1_000);
            if (kill.contains("-INT")) {
                assertThat(ignoredSignals(launcher.pid()) & SIGINT_BIT).as("the launcher ignores SIGINT").isZero();
            }
            List<ProcessHandle> all = new ArrayList<>(top.descendants().toList());
            all.add(top.toHandle());
            long start = System.nanoTime();
            new ProcessBuilder(kill).start().waitFor();
            for (ProcessHandle process : all) {
                while (!Processes.hasExited(process.pid()) && System.nanoTime() - start < 10_000_000_000L) {
                    Thread.sleep(5);
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("stopped run (%s): %d processes gone %d ms after the signal%n", String.join(" ", kill), all.size(), millis);
            assertThat(all.stream().filter(p -> !Processes.hasExited(p.pid())).toList()).as("processes alive after the signal").isEmpty();
            assertThat(millis).as("ms from the signal until every process of the run is gone").isLessThan(boundMillis);
            assertThat(NoLeftovers.objects()).isEqualTo(before);
            assertThat(ledger.toFile().list()).as("ledger entries left by the stopped run").isEmpty();
            if (hooksRun) {
                try (var runs = Files.list(results)) {
                    assertThat(runs.toList()).as("run folders left by the stopped run").isEmpty();
                }
            }
        } finally {
            List<ProcessHandle> started = new ArrayList<>(top.descendants().toList());
            started.add(top.toHandle());
            started.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle process : started) {
                Processes.millisUntilGone(process.pid(), 5_000);
            }
            StaleObjects.reclaim(ledger);
        }
    }

    private static boolean canResetSigint() throws Exception {
        Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return probe.waitFor() == 0;
    }

    private static long ignoredSignals(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
            }
        }
        return 0;
    }
}
