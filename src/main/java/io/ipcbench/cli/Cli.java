package io.ipcbench.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.UnmatchedArgumentException;
import io.ipcbench.core.BadInput;

/**
 * The one command-line style of the suite's tools (README, "Command lines and exit codes"): picocli
 * parses the options and writes the usage; {@code --help} (and {@code -h}, unless a tool declares
 * its own help option) prints it with exit 0; any mistake in the input, from picocli or a
 * {@link BadInput} thrown by the work, is one line {@code <tool>: <message>} on stderr and exit 2,
 * never a stack trace. The work itself returns 0, or 1 for a failed run.
 */
final class Cli {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_INPUT = BadInput.EXIT;

    private Cli() {
    }

    /** Parses {@code args} into {@code command} and runs it; returns the exit code. */
    static int run(String tool, Object command, String... args) {
        return commandLine(tool, command).execute(args);
    }

    /** The command line for a tool that needs more settings before {@code execute}. */
    static CommandLine commandLine(String tool, Object command) {
        CommandLine line = new CommandLine(command);
        CommandSpec spec = line.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build());
        }
        if (spec.usageMessage().exitCodeList().isEmpty()) {
            spec.usageMessage().exitCodeList(defaultExitCodes());
        }
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n");
        line.setExpandAtFiles(false); // a path starting with @ is a path
        line.setOverwrittenOptionsAllowed(true); // the last value given wins, as a shell user expects
        line.setParameterExceptionHandler((e, given) -> {
            // picocli reports missing parameters before unknown options; the unknown option is the mistake to name
            CommandLine.ParameterException mistake = e instanceof UnmatchedArgumentException || line.getUnmatchedArguments().isEmpty()
                    ? e : new UnmatchedArgumentException(line, line.getUnmatchedArguments());
            return refuse(tool, mistake.getMessage() + suggestions(mistake) + " (--help shows the usage)");
        });
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof BadInput) {
                return refuse(tool, e.getMessage());
            }
            StackTraceElement[] where = e.getStackTrace();
            System.err.println(tool + ": " + oneLine(e.toString()) + (where.length > 0 ? " (at " + where[0] + ")" : ""));
            return EXIT_FAILED;
        });
        return line;
    }

    private static Map<String, String> defaultExitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "done");
        codes.put("1", "failed (the line on stderr says why)");
        codes.put("2", "bad input: one line on stderr, nothing done");
        return codes;
    }

    private static String suggestions(CommandLine.ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            return "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        return "";
    }

    private static int refuse(String tool, String message) {
        System.err.println(tool + ": " + oneLine(message));
        return EXIT_BAD_INPUT;
    }

    private static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
