package io.ipcbench.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

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
 */
@ExtendWith(NoLeftovers.class)
class InterruptedRunTest {
    @TempDir
    Path results;

    @Test
    void ctrlCMidRunStopsEverythingWithinFiveSeconds() throws Exception {
        Set<String> before = NoLeftovers.objects();
        List<String> command = new ArrayList<>(List.of("setsid", new File(System.getProperty("java.home"), "bin/java").getPath()));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-D" + Ledger.DIRECTORY_PROPERTY + "=" + Ledger.directory(), "-cp", System.getProperty("java.class.path"),
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
            try (var runs = Files.list(results)) {
                assertThat(runs.toList()).as("run folders left by the interrupted run").isEmpty();
            }
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }
}
