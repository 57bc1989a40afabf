package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recipes that prove scripts/ab (README, "Is my change slower?"): test-only patches that slow
 * the pipe transport's send by a known amount — 10 µs a send (slow-pipe-send.patch), or 10 % of
 * each round trip or streamed message on the initiator's side (slow-pipe-10pct.patch). Each must
 * still apply to the code as it is — a patch that no longer applies would leave the gate unproven —
 * and must never be in the measured code.
 */
class SlowdownPatchTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    private static final Path PATCHES = ROOT.resolve("src/test/resources/ab");

    @ParameterizedTest
    @ValueSource(strings = {"slow-pipe-send.patch", "slow-pipe-10pct.patch"})
    void theSlowdownPatchAppliesToTheCurrentCode(String patch) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ROOT.resolve(".git")), "a git checkout");
        Process check = new ProcessBuilder("git", "-C", ROOT.toString(), "apply", "--check", PATCHES.resolve(patch).toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"slow-pipe-send.patch:SLOWDOWN_NANOS", "slow-pipe-10pct.patch:previousSend"})
    void theSlowdownIsNeverInTheMeasuredCode(String patchAndMarker) throws Exception {
        String[] parts = patchAndMarker.split(":");
        assertThat(Files.readString(PATCHES.resolve(parts[0]))).contains("+    private " + (parts[1].equals("previousSend") ? "long " : "static final long ") + parts[1]);
        assertThat(Files.readString(ROOT.resolve("src/main/java/io/ipcbench/kernel/FdStream.java"))).doesNotContain(parts[1]);
    }
}
