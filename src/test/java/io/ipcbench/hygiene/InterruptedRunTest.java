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

import io.ipcbench.cli.BenchMain;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.testing.Processes;

/**
 * Guarantee 6: Ctrl-C (SIGINT to the whole process group, as a terminal sends it) in the middle of
 * a run stops the launcher, the JMH fork and the peer within 5 s and leaves nothing: no kernel
 * object, no process, no half-written run folder, no ledger entry.
 *
 * <p>A terminal's Ctrl-C reaches processes whose SIGINT is at its default. A test suite started as a
 * background job of a script inherits SIGINT ignored (POSIX shells do that to background jobs), and
 * so would every JVM below it, which then rightly shrug the signal off: so the launcher is started
 * through {@code env --default-signal=INT}, and the test is skipped, saying why, where that cannot
 * be done. The run keeps its own ledger, and whatever happens, the test kills what it started and
 * reclaims that ledger, so a failure here cannot leave objects that fail another test.
 */
@ExtendWith(NoLeftovers.class)
class InterruptedRunTest {
    /** SigIgn in /proc/PID/status is a bit mask of ignored signals; SIGINT is signal 2. */
    private static final long SIGINT_BIT = 1L << (2 - 1);

    @TempDir
    Path results;

    @TempDir
    Path ledger;

    @Test
    void ctrlCMidRunStopsEverythingWithinFiveSeconds() throws Exception {
        assumeTrue(canResetSigint(), "this system's env(1) has no --default-signal, so the launcher would inherit"
                + " this test's SIGINT disposition (ignored in a background job)");
        Set<String> before = NoLeftovers.objects();
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", "setsid",
                new File(System.getProperty("java.home"), "bin/java").getPath()));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-D" + Ledger.DIRECTORY_PROPERTY + "=" + ledger, "-cp", System.getProperty("java.class.path"),
                BenchMain.class.getName(), "--results-dir=" + results, "-p", "transport=shm-sem", "-p", "payload=64",
                "-f", "1", "-wi", "20", "-i", "20", "RoundTripBenchmark"));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // mid-run: the fork has started a trial when a peer exists in the launcher's session
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (launcher.descendants().noneMatch(p -> p.info().commandLine().orElse("").contains("PeerMain"))) {
                assertThat(System.nanoTime()).as("a trial started within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(1_000);
            assertThat(ignoredSignals(launcher.pid()) & SIGINT_BIT).as("the launcher ignores SIGINT").isZero();
            List<ProcessHandle> all = new ArrayList<>(launcher.descendants().toList());
            all.add(launcher.toHandle());
            long start = System.nanoTime();
            new ProcessBuilder("kill", "-INT", "--", "-" + launcher.pid()).start().waitFor();
            for (ProcessHandle process : all) {
                while (!Processes.hasExited(process.pid()) && System.nanoTime() - start < 10_000_000_000L) {
                    Thread.sleep(5);
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("interrupted run: %d processes gone %d ms after SIGINT%n", all.size(), millis);
            assertThat(all.stream().filter(p -> !Processes.hasExited(p.pid())).toList()).as("processes alive after SIGINT").isEmpty();
            assertThat(millis).as("ms from SIGINT until the launcher, fork and peer are gone").isLessThan(5_000);
            assertThat(NoLeftovers.objects()).isEqualTo(before);
            assertThat(ledger.toFile().list()).as("ledger entries left by the interrupted run").isEmpty();
            try (var runs = Files.list(results)) {
                assertThat(runs.toList()).as("run folders left by the interrupted run").isEmpty();
            }
        } finally {
            List<ProcessHandle> started = new ArrayList<>(launcher.descendants().toList());
            started.add(launcher.toHandle());
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
