package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.jna.Native;

/**
 * The C references in scripts/reference/ that results/README.md reads the suite against: each
 * builds with the gcc line its own header gives (warnings made errors), and the per-call pair
 * (callcost.c, JnaCallCost.java) runs and refuses bad input in one line.
 */
class ReferenceProgramsTest {
    private static final Path REFERENCES = Path.of(System.getProperty("user.dir"), "scripts", "reference");
    /** The build line in a reference's header: {@code gcc <flags> -o /tmp/<name> scripts/reference/<name>.c}. */
    private static final Pattern GCC_LINE = Pattern.compile("gcc((?: -\\S+)*) -o /tmp/(\\S+) scripts/reference/(\\S+\\.c)");

    @TempDir
    Path dir;

    @Test
    void everyReferenceBuildsWithTheLineItsHeaderGives() throws Exception {
        List<Path> sources;
        try (Stream<Path> files = Files.list(REFERENCES)) {
            sources = files.filter(f -> f.toString().endsWith(".c")).sorted().toList();
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(7);
        for (Path source : sources) {
            Path binary = build(source);
            assertThat(binary).as(source + " built").isExecutable();
        }
    }

    @Test
    void callCostTimesBothCallsAndRefusesBadInput() throws Exception {
        Path callcost = build(REFERENCES.resolve("callcost.c"));
        ScriptRun ok = ScriptRun.command(List.of(callcost.toString(), "0", "1000"));
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.out()).containsPattern("^c \\(cpu 0\\): +read\\(EAGAIN\\) [0-9.]+ ns, getppid [0-9.]+ ns a call");
        ScriptRun bad = ScriptRun.command(List.of(callcost.toString(), "0", "many"));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.output()).isEqualTo("callcost: calls_per_round must be a whole number of at least 1, not 'many'\n");
    }

    @Test
    void jnaCallCostRunsFromItsSourceAndRefusesBadInput() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jna = Path.of(Native.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String source = REFERENCES.resolve("JnaCallCost.java").toString();
        ScriptRun ok = ScriptRun.command(List.of(java, "-cp", jna, source, "1000"));
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.out()).containsPattern("(?m)^jna: read\\(EAGAIN\\) [0-9.]+ ns, getppid [0-9.]+ ns a call");
        ScriptRun bad = ScriptRun.command(List.of(java, "-cp", jna, source, "0"));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.output()).endsWith("JnaCallCost: calls_per_round must be a whole number of at least 1, not '0'\n");
    }

    /** Builds {@code source} as its header says, into this test's folder, with warnings as errors. */
    private Path build(Path source) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "the C references need gcc");
        Matcher line = GCC_LINE.matcher(Files.readString(source));
        assertThat(line.find()).as(source + " gives its gcc line").isTrue();
        assertThat(line.group(3)).as(source + "'s gcc line names it").isEqualTo(source.getFileName().toString());
        Path binary = dir.resolve(line.group(2));
        List<String> command = new ArrayList<>(List.of("gcc", "-Wall", "-Wextra", "-Werror"));
        command.addAll(List.of(line.group(1).trim().split(" ")));
        command.addAll(List.of("-o", binary.toString(), source.toString()));
        ScriptRun gcc = ScriptRun.command(command);
        assertThat(gcc.exit()).as(String.join(" ", command) + "\n" + gcc.output()).isZero();
        return binary;
    }
}
