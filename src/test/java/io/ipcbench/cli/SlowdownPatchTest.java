package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The recipe that proves scripts/ab (README, "Is my change slower?"): a test-only patch that makes
 * the pipe transport's send busy-wait 10 µs. It must still apply to the code as it is — a patch
 * that no longer applies would leave the gate unproven — and it must never be in the measured code.
 */
class SlowdownPatchTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    private static final Path PATCH = ROOT.resolve("src/test/resources/ab/slow-pipe-send.patch");

    @Test
    void theSlowdownPatchAppliesToTheCurrentCode() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ROOT.resolve(".git")), "a git checkout");
        Process check = new ProcessBuilder("git", "-C", ROOT.toString(), "apply", "--check", PATCH.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
    }

    @Test
    void theSlowdownIsNeverInTheMeasuredCode() throws Exception {
        assertThat(Files.readString(PATCH)).contains("+    private static final long SLOWDOWN_NANOS = 10_000;");
        assertThat(Files.readString(ROOT.resolve("src/main/java/io/ipcbench/kernel/FdStream.java"))).doesNotContain("SLOWDOWN_NANOS");
    }
}
