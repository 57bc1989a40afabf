package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.ipcbench.core.BadInput;

/** The shared error style and exit codes, on a tool made up for the test. */
class CliTest {
    @Command(name = "scripts/made-up")
    static final class MadeUp implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "INPUT")
        String input;

        @Option(names = "--fail-on-regression")
        boolean failOnRegression;

        @Override
        public Integer call() {
            return switch (input) {
                case "bad" -> throw new BadInput("the input is bad\nand says so on two lines");
                case "bug" -> throw new IllegalStateException("a bug");
                case "failed" -> Cli.EXIT_FAILED;
                default -> Cli.EXIT_OK;
            };
        }
    }

    private static Console run(String... args) {
        return Console.capture(() -> Cli.run("ipc-bench made-up", new MadeUp(), args));
    }

    @Test
    void helpIsAddedWithBothNamesAndExitsZero() {
        assertThat(run("--help").out()).startsWith("Usage: scripts/made-up [-h] [--fail-on-regression] INPUT")
                .contains("Exit codes:").contains("2   bad input");
        assertThat(run("-h").exit()).isZero();
    }

    @Test
    void badInputFromTheWorkIsOneLineAndExitTwo() {
        assertThat(run("bad")).isEqualTo(new Console(2, "", "ipc-bench made-up: the input is bad; and says so on two lines\n"));
    }

    @Test
    void aFailureIsOneLineAndExitOne() {
        Console bug = run("bug");
        assertThat(bug.exit()).isEqualTo(1);
        assertThat(bug.err()).startsWith("ipc-bench made-up: java.lang.IllegalStateException: a bug (at ").doesNotContain("\tat ");
        assertThat(bug.err().strip().lines()).hasSize(1);
        assertThat(run("failed").exit()).isEqualTo(1);
    }

    /** picocli would report the missing INPUT first; the unknown option is the mistake. */
    @Test
    void anUnknownOptionIsNamedBeforeAMissingParameterAndASimilarOneSuggested() {
        assertThat(run("--fail-on-regresion")).isEqualTo(new Console(2, "", "ipc-bench made-up: Unknown option: '--fail-on-regresion';"
                + " did you mean --fail-on-regression? (--help shows the usage)\n"));
        assertThat(run().err()).isEqualTo("ipc-bench made-up: Missing required parameter: 'INPUT' (--help shows the usage)\n");
    }

    /** picocli would read the arguments from the file named after the @. */
    @Test
    void anArgumentStartingWithAtIsAPathNotAnArgumentFile(@TempDir Path dir) throws Exception {
        Path arguments = Files.writeString(dir.resolve("arguments"), "bad");
        assertThat(run("@" + arguments).exit()).isZero();
    }
}
