package io.ipcbench.ab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import io.ipcbench.core.BadInput;

/**
 * scripts/ab's command line: {@code BASE CAND [--rounds N] [--min-effect PCT] [--fail-on-regression]
 * [--seed N] [--aa FILE] [--out DIR] [--cand-patch FILE] [--no-early-stop] [--profile=full|quick]
 * [JMH options] [benchmark regexps]}. Our options start with "--"; everything else is JMH's and goes
 * to every fork, except what scripts/ab sets per fork: {@code -f} (always 1), {@code -p} and
 * {@code -bm} (the row's), and the regexps (the row's benchmark). Checked before anything is built.
 *
 * @param jmhArgs the JMH options each fork gets unchanged (no -f, -p, -bm or regexps)
 * @param selection the JMH options as given, parsed: includes, excludes, -p values, -bm
 */
public record AbOptions(String base, String candidate, int rounds, double minEffect, boolean failOnRegression, long seed,
        Path aa, Path out, Path candidatePatch, boolean earlyStop, String profile, List<String> jmhArgs,
        CommandLineOptions selection) {

    public static final int DEFAULT_ROUNDS = 10;
    public static final double DEFAULT_MIN_EFFECT_PERCENT = 5;
    public static final String USAGE = "usage: scripts/ab BASE CAND [--rounds N] [--min-effect PCT] [--fail-on-regression] [--seed N]"
            + " [--aa FILE] [--out DIR] [--cand-patch FILE] [--no-early-stop] [--profile=full|quick] [JMH options] [benchmark regexps]";

    /** JMH options that take a value in the next argument (JMH 1.37's parser); the list/help options take none and are refused. */
    private static final Set<String> WITH_VALUE = Set.of("-bm", "-bs", "-e", "-f", "-foe", "-gc", "-i", "-jvm", "-jvmArgs",
            "-jvmArgsAppend", "-jvmArgsPrepend", "-o", "-opi", "-p", "-prof", "-r", "-rf", "-rff", "-si", "-t", "-tg", "-to", "-tu",
            "-v", "-w", "-wbs", "-wf", "-wi", "-wm", "-wmb");
    private static final Set<String> REFUSED = Set.of("-h", "-l", "-lp", "-lprof", "-lrf", "-rf", "-rff");

    public static AbOptions parse(String[] args, Path defaultOut, Set<String> parameterNames) {
        List<String> positional = new ArrayList<>();
        List<String> jmhGiven = new ArrayList<>();
        List<String> perFork = new ArrayList<>();
        int rounds = DEFAULT_ROUNDS;
        double minEffect = DEFAULT_MIN_EFFECT_PERCENT / 100;
        boolean fail = false;
        boolean earlyStop = true;
        long seed = System.nanoTime();
        Path aa = null;
        Path out = defaultOut;
        Path patch = null;
        String profile = "full";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                boolean flag = name.equals("--fail-on-regression") || name.equals("--no-early-stop");
                String value = flag ? null : arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : null;
                if (!flag && value == null) {
                    throw new BadInput(name + " needs a value; " + USAGE);
                }
                switch (name) {
                    case "--rounds" -> rounds = (int) number(name, value, 1, 10_000);
                    case "--min-effect" -> minEffect = number(name, value.replace("%", ""), 0, 1000) / 100;
                    case "--fail-on-regression" -> fail = true;
                    case "--no-early-stop" -> earlyStop = false;
                    case "--seed" -> seed = seed(value);
                    case "--aa" -> aa = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--cand-patch" -> patch = Path.of(value);
                    case "--profile" -> {
                        if (!value.equals("full") && !value.equals("quick")) {
                            throw new BadInput("unknown profile '" + value + "'; valid: full, quick");
                        }
                        profile = value;
                    }
                    default -> throw new BadInput("unknown option '" + name + "'; " + USAGE);
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                if (REFUSED.contains(arg)) {
                    throw new BadInput(arg + " is not for scripts/ab: it lists or writes results itself (mvn jmh:run "
                            + "-Djmh.args=" + arg + " lists)");
                }
                String value = WITH_VALUE.contains(arg) && i + 1 < args.length ? args[++i] : null;
                jmhGiven.add(arg);
                if (value != null) {
                    jmhGiven.add(value);
                }
                boolean setPerFork = arg.equals("-f") || arg.startsWith("-f") && Character.isDigit(arg.charAt(arg.length() - 1))
                        || arg.equals("-p") || arg.startsWith("-p") && arg.contains("=") || arg.equals("-bm");
                if (!setPerFork) {
                    perFork.add(arg);
                    if (value != null) {
                        perFork.add(value);
                    }
                }
            } else if (positional.size() < 2) {
                positional.add(arg);
            } else {
                jmhGiven.add(arg); // a benchmark regexp: it selects rows; each fork gets its row's own
            }
        }
        if (positional.size() != 2) {
            throw new BadInput("expected BASE and CAND (git revisions or built suite folders), got " + positional.size() + "; " + USAGE);
        }
        CommandLineOptions selection;
        try {
            selection = new CommandLineOptions(jmhGiven.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new BadInput("cannot parse the JMH options '" + String.join(" ", jmhGiven) + "': " + e.getMessage());
        }
        if (selection.getForkCount().hasValue() && selection.getForkCount().get() != 1) {
            throw new BadInput("-f " + selection.getForkCount().get() + ": every fork of scripts/ab is one JMH run with -f 1; "
                    + "ask for more pairs with --rounds");
        }
        if (selection.getThreads().hasValue() && selection.getThreads().get() != 1) {
            throw new BadInput("-t " + selection.getThreads().get() + ": each trial is one pair of processes (use -t 1)");
        }
        for (String name : parameterNames(jmhGiven)) {
            if (!parameterNames.contains(name)) {
                throw new BadInput("unknown parameter '" + name + "' in -p; valid: " + String.join(", ", new java.util.TreeSet<>(parameterNames)));
            }
        }
        if (aa != null && !java.nio.file.Files.isRegularFile(aa)) {
            throw new BadInput("no such A/A spread file: " + aa);
        }
        if (patch != null && !java.nio.file.Files.isRegularFile(patch)) {
            throw new BadInput("no such patch file: " + patch);
        }
        return new AbOptions(positional.get(0), positional.get(1), rounds, minEffect, fail, seed, aa, out,
                patch == null ? null : patch.toAbsolutePath(), earlyStop, profile, List.copyOf(perFork), selection);
    }

    private static double number(String name, String text, double min, double max) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isNaN(value) || value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadInput(name + " takes a number from " + (long) min + " to " + (long) max + ", not '" + text + "'");
        }
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadInput("--seed takes a whole number (as a report prints it), not '" + text + "'");
        }
    }

    private static List<String> parameterNames(List<String> jmhArgs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < jmhArgs.size(); i++) {
            String arg = jmhArgs.get(i);
            String spec = arg.equals("-p") && i + 1 < jmhArgs.size() ? jmhArgs.get(++i)
                    : arg.startsWith("-p") && arg.length() > 2 ? arg.substring(2) : null;
            if (spec != null && spec.indexOf('=') > 0) {
                names.add(spec.substring(0, spec.indexOf('=')));
            }
        }
        return names;
    }
}
