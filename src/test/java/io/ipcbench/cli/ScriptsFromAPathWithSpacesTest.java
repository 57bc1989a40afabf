package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.report.JmhJsonFixture;

/**
 * The scripts work from any path: here the checkout is reached through a folder whose name has a
 * space (a link to this checkout), as a user's "My Projects" would be.
 */
class ScriptsFromAPathWithSpacesTest {
    @TempDir
    Path dir;

    @Test
    void everyScriptRunsFromAPathWithASpace() throws Exception {
        Path checkout = Files.createSymbolicLink(Files.createDirectory(dir.resolve("my projects")).resolve("ipc bench"),
                Path.of(System.getProperty("user.dir")).toAbsolutePath());
        Path a = run("run a", 1);
        Path b = run("run b", 2);

        ScriptRun compare = ScriptRun.of(checkout, "compare", a.toString(), b.toString(), "--ignore-fingerprint");
        assertThat(compare.exit()).as("compare: %s", compare.output()).isZero();
        assertThat(compare.out()).contains("slower");

        Path noise = dir.resolve("noise floors.json");
        ScriptRun calibrate = ScriptRun.of(checkout, "calibrate", noise.toString(), a.toString(), b.toString());
        assertThat(calibrate.exit()).as("calibrate: %s", calibrate.output()).isZero();
        assertThat(noise).exists();

        ScriptRun plot = ScriptRun.of(checkout, "plot", a.toString(), "--out", dir.resolve("charts out").toString());
        assertThat(plot.exit()).as("plot: %s", plot.output()).isZero();
        assertThat(dir.resolve("charts out").resolve("report.html")).exists();

        ScriptRun floor = ScriptRun.of(checkout, "floor");
        assertThat(floor.exit()).as("floor: %s", floor.output()).isZero();
        assertThat(floor.out()).contains("cache-line RTT");

        // scripts/ab finds the checkout's git repository through the path with spaces (and refuses a revision it lacks)
        ScriptRun ab = ScriptRun.of(checkout, "ab", "HEAD", "no-such-revision-anywhere", "--out", dir.resolve("ab out").toString());
        assertThat(ab.exit()).as("ab: %s", ab.output()).isEqualTo(2);
        assertThat(ab.err()).contains("no-such-revision-anywhere").doesNotContain("\tat ");
        Files.delete(checkout); // the link, not the checkout (JUnit would warn about a link leaving its folder)
    }

    private Path run(String name, long seed) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        JmhJsonFixture.writeSample(run.resolve("jmh.json"));
        JmhJsonFixture.writeFingerprint(run, "Linux 6.1");
        return run;
    }
}
