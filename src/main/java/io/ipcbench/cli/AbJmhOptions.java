package io.ipcbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Stack;

import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import io.ipcbench.core.BadInput;

/**
 * The JMH options and benchmark regexps given to scripts/ab, split: what every fork gets unchanged
 * ({@code perFork}), and the selection of rows ({@code selection}: includes, excludes, -p values,
 * -bm, as given). What scripts/ab sets per fork is taken out of {@code perFork}: {@code -f} (always
 * 1), {@code -p} and {@code -bm} (the row's) and the regexps (the row's benchmark).
 */
record AbJmhOptions(List<String> perFork, CommandLineOptions selection) {
    /** JMH options that take a value in the next argument (JMH 1.37's parser); the list/help options take none and are refused. */
    private static final Set<String> WITH_VALUE = Set.of("-bm", "-bs", "-e", "-f", "-foe", "-gc", "-i", "-jvm", "-jvmArgs",
            "-jvmArgsAppend", "-jvmArgsPrepend", "-o", "-opi", "-p", "-prof", "-r", "-rf", "-rff", "-si", "-t", "-tg", "-to", "-tu",
            "-v", "-w", "-wbs", "-wf", "-wi", "-wm", "-wmb");
    private static final Set<String> REFUSED = Set.of("-l", "-lp", "-lprof", "-lrf", "-rf", "-rff");

    /** Splits the JMH options as given and checks them, before anything is built. */
    static AbJmhOptions of(List<String> given) {
        List<String> perFork = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String arg = given.get(i);
            if (!isOption(arg)) {
                continue; // a benchmark regexp: it selects rows; each fork gets its row's own
            }
            if (REFUSED.contains(arg)) {
                throw new BadInput(arg + " is not for scripts/ab: it lists or writes results itself (mvn jmh:run "
                        + "-Djmh.args=" + arg + " lists)");
            }
            String value = WITH_VALUE.contains(arg) && i + 1 < given.size() ? given.get(++i) : null;
            boolean setPerFork = arg.equals("-f") || arg.startsWith("-f") && Character.isDigit(arg.charAt(arg.length() - 1))
                    || arg.equals("-p") || arg.startsWith("-p") && arg.contains("=") || arg.equals("-bm");
            if (!setPerFork) {
                perFork.add(arg);
                if (value != null) {
                    perFork.add(value);
                }
            }
        }
        CommandLineOptions selection;
        try {
            selection = new CommandLineOptions(given.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new BadInput("cannot parse the JMH options '" + String.join(" ", given) + "': " + e.getMessage());
        }
        if (selection.getForkCount().hasValue() && selection.getForkCount().get() != 1) {
            throw new BadInput("-f " + selection.getForkCount().get() + ": every fork of scripts/ab is one JMH run with -f 1; "
                    + "ask for more pairs with --rounds");
        }
        BenchMain.checkRunShape(selection, given); // -t 1, known -p names, iteration times above zero: as each fork's launcher would
        return new AbJmhOptions(List.copyOf(perFork), selection);
    }

    private static boolean isOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1;
    }

    /**
     * How picocli hands scripts/ab its positional arguments: BASE and CAND first, then JMH's
     * options and regexps as given, a JMH option with its value (the next argument, whatever it
     * looks like, as JMH reads it). scripts/ab's own options start with "--", so an unknown one is
     * a mistake, not JMH's.
     */
    static final class PassThrough implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec command) {
            String arg = args.pop();
            if (arg.startsWith("--")) {
                throw new UnmatchedArgumentException(command.commandLine(), List.of(arg));
            }
            if (!argSpec.isMultiValue()) {
                if (isOption(arg)) {
                    throw new ParameterException(command.commandLine(), "expected BASE and CAND (git revisions or built suite folders)"
                            + " before JMH's options, got '" + arg + "' first");
                }
                argSpec.setValue(arg);
                return;
            }
            List<String> given = argSpec.getValue();
            if (given == null) {
                given = new ArrayList<>();
                argSpec.setValue(given);
            }
            given.add(arg);
            if (WITH_VALUE.contains(arg) && !args.isEmpty()) {
                given.add(args.pop());
            }
        }
    }
}
