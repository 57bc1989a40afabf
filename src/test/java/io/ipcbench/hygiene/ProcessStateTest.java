package io.ipcbench.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.ipcbench.testing.Processes;

/**
 * "Exited" must mean exited: callers remove a process's kernel objects on that answer. While a
 * process runs down, or whenever its main thread has ended before the others, its leader shows as a
 * zombie and the threads after it in /proc/PID/task end while the directory is read.
 */
class ProcessStateTest {
    private static final long LOOK_MILLIS = 3_000;

    @Test
    void aLiveProcessWithAZombieLeaderAndThreadsThatComeAndGoIsNeverTakenForExited() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3 to make a zombie leader");
        Path script = Path.of(ProcessStateTest.class.getResource("/zombie-leader.py").toURI());
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString()).start();
        try {
            assertThat(Processes.awaitLine(process, "READY")).as("the script started").isPresent();
            long looks = 0;
            long exitedAnswers = 0;
            long end = System.nanoTime() + LOOK_MILLIS * 1_000_000;
            while (System.nanoTime() < end) {
                looks++;
                if (ProcessState.hasExited(process.pid())) {
                    exitedAnswers++;
                }
            }
            assertThat(process.isAlive()).as("the process still runs").isTrue();
            assertThat(looks).as("looks at /proc while threads came and went").isGreaterThan(100);
            assertThat(exitedAnswers).as("times this live process was said to have exited, of %d looks", looks).isZero();
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatEndedHasExited() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        assertThat(ProcessState.hasExited(process.pid())).isTrue();
    }

    @Test
    void aRunningProcessHasNotExited() throws Exception {
        Process process = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcessState.hasExited(process.pid())).isFalse();
        } finally {
            process.destroyForcibly().waitFor();
        }
    }
}
