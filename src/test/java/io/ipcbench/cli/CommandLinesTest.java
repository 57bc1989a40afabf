package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every tool has one command-line style: {@code --help} prints picocli's usage with exit 0, a bad
 * option is one line {@code ipc-bench <tool>: ...} on stderr with exit 2. The scripts are run as a
 * user runs them.
 */
class CommandLinesTest {
    private static final Path CHECKOUT = Path.of(System.getProperty("user.dir"));

    @ParameterizedTest(name = "scripts/{0} --help")
    @ValueSource(strings = {"compare", "calibrate", "plot", "floor", "ipc-clean"})
    void everyScriptAnswersHelp(String script) throws Exception {
        for (String help : new String[] {"--help", "-h"}) {
            ScriptRun run = ScriptRun.of(CHECKOUT, script, help);
            assertThat(run.exit()).as("%s %s: %s", script, help, run.output()).isZero();
            assertThat(run.out()).startsWith("Usage: scripts/" + script + " [-h]").contains("Exit codes:");
            assertThat(run.err()).isEmpty();
        }
    }

    @ParameterizedTest(name = "scripts/{0} --frobnicate")
    @ValueSource(strings = {"compare", "calibrate", "plot", "floor", "ipc-clean"})
    void aBadOptionIsOneLineAndExitTwo(String script) throws Exception {
        ScriptRun run = ScriptRun.of(CHECKOUT, script, "--frobnicate");
        assertThat(run.exit()).as("%s: %s", script, run.output()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ipc-bench " + script + ": Unknown option: '--frobnicate' (--help shows the usage)\n");
        assertThat(run.out()).isEmpty();
    }
}
