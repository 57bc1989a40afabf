package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every tool has one command-line style: {@code --help} prints picocli's usage with exit 0, a bad
 * option is one line {@code ipc-bench <tool>: ...} on stderr with exit 2. The scripts are run as a
 * user runs them; the launcher ({@code mvn jmh:run}) in this JVM.
 */
class CommandLinesTest {
    private static final Path CHECKOUT = Path.of(System.getProperty("user.dir"));

    @TempDir
    Path results;

    @ParameterizedTest(name = "scripts/{0} --help")
    @ValueSource(strings = {"compare", "calibrate", "plot", "floor", "ipc-clean", "ab"})
    void everyScriptAnswersHelp(String script) throws Exception {
        for (String help : new String[] {"--help", "-h"}) {
            ScriptRun run = ScriptRun.of(CHECKOUT, script, help);
            assertThat(run.exit()).as("%s %s: %s", script, help, run.output()).isZero();
            assertThat(run.out()).startsWith("Usage: scripts/" + script + " [-h]").contains("Exit codes:");
            assertThat(run.err()).isEmpty();
        }
    }

    @ParameterizedTest(name = "scripts/{0} --frobnicate")
    @ValueSource(strings = {"compare", "calibrate", "plot", "floor", "ipc-clean", "ab"})
    void aBadOptionIsOneLineAndExitTwo(String script) throws Exception {
        ScriptRun run = ScriptRun.of(CHECKOUT, script, "--frobnicate");
        assertThat(run.exit()).as("%s: %s", script, run.output()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ipc-bench " + script + ": Unknown option: '--frobnicate' (--help shows the usage)\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theLauncherAnswersHelpWithItsOwnOptionsAndRunsNothing() {
        Console help = Console.capture(() -> BenchMain.run(new String[] {"--results-dir=" + results.resolve("runs"), "--help"}));
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: mvn jmh:run").contains("--results-dir=DIR", "--profile=full|quick|load",
                "-Djmh.idle=as-booted|poll", "--idle=as-booted|poll", "--exit-with-parent", "-h lists JMH's options", "Exit codes:", "bad input (exit 2)");
        assertThat(help.err()).isEmpty();
        assertThat(results.resolve("runs")).doesNotExist();
    }

    /** scripts/ab passes JMH's options through too, but its own are in its usage, with its exit code 3; -h is its help. */
    @Test
    void abAnswersHelpWithItsOwnOptionsAndExitCodes() {
        Console help = Console.capture(() -> AbMain.run(new String[] {"HEAD", "HEAD", "-p", "transport=pipe", "-h"}));
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: scripts/ab [-h]").contains("BASE CAND", "[JMH_OPTION...]", "--rounds=N",
                "--min-effect=PCT", "--fail-on-regression", "--seed=N", "--aa=FILE", "--out=DIR", "--cand-patch=FILE",
                "--no-early-stop", "--profile=full|quick", "--idle=as-booted|poll", "1   --fail-on-regression and a row is slower", "3   a build or the patch failed");
        assertThat(help.err()).isEmpty();
    }

    /** JMH's own -h passes through: the launcher has no -h of its own. */
    @Test
    void theLaunchersShortHelpIsJmhs() {
        Console help = Console.capture(() -> BenchMain.run(new String[] {"--results-dir=" + results, "-h"}));
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: java -jar ... [regexp*] [options]").contains("-wi <int>");
    }

    @Test
    void theLaunchersOwnBadOptionIsOneLineAndExitTwo() {
        Console bad = Console.capture(() -> BenchMain.run(new String[] {"--results-dir=" + results, "--profile"}));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("ipc-bench: Missing required parameter for option '--profile' (full|quick|load)"
                + " (--help shows the usage)\n");
    }

    /** From the first argument that is not the launcher's own on, everything is JMH's, as given; the line says so. */
    @Test
    void argumentsAfterTheFirstJmhOptionGoToJmh() {
        Console bad = Console.capture(() -> BenchMain.run(new String[] {"--results-dir=" + results, "-p", "transport=pipe", "--profile=quick"}));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("ipc-bench: cannot parse the JMH options '-p transport=pipe --profile=quick'")
                .endsWith(" (the launcher's own --options go before JMH's; -h lists JMH's options)\n");
    }
}
