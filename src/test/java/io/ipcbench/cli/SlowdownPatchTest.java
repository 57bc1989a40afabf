package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recipes that prove scripts/ab (README, "Is my change slower?"): test-only patches that slow
 * the pipe transport by a known amount — 10 µs a send (slow-pipe-send.patch), 10 % of each round
 * trip or of a stream's cycle on each side (slow-pipe-10pct.patch), or every tenth message sent
 * twice, 10 % more of a stream's messages (slow-pipe-tenth-twice.patch). Each must
 * still apply to the code as it is — a patch that no longer applies would leave the gate unproven —
 * and must never be in the measured code.
 */
class SlowdownPatchTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    private static final Path PATCHES = ROOT.resolve("src/test/resources/ab");

    @ParameterizedTest
    @ValueSource(strings = {"slow-pipe-send.patch", "slow-pipe-10pct.patch", "slow-pipe-tenth-twice.patch"})
    void theSlowdownPatchAppliesToTheCurrentCode(String patch) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ROOT.resolve(".git")), "a git checkout");
        Process check = new ProcessBuilder("git", "-C", ROOT.toString(), "apply", "--check", PATCHES.resolve(patch).toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
    }

    /** Each patch adds a field of its own (declared on a "+" line); the measured code must not have it. */
    @ParameterizedTest
    @CsvSource({"slow-pipe-send.patch, SLOWDOWN_NANOS", "slow-pipe-10pct.patch, previousSend", "slow-pipe-tenth-twice.patch, TWICE_EVERY"})
    void theSlowdownIsNeverInTheMeasuredCode(String patch, String field) throws Exception {
        assertThat(Files.readString(PATCHES.resolve(patch))).containsPattern("\\n\\+    private [a-z ]+ " + field + "[ ;]");
        assertThat(Files.readString(ROOT.resolve("src/main/java/io/ipcbench/kernel/FdStream.java"))).doesNotContain(field);
    }
}
