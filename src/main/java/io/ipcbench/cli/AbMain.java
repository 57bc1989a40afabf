package io.ipcbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.ipcbench.ab.AbOptions;
import io.ipcbench.ab.BenchRow;
import io.ipcbench.ab.PairedRounds;
import io.ipcbench.ab.RunFailure;
import io.ipcbench.ab.Suite;
import io.ipcbench.ab.WorkTrees;
import io.ipcbench.machine.IdlePolling;
import io.ipcbench.report.Comparison;
import io.ipcbench.report.Fingerprint;
import io.ipcbench.report.GateStatistics.EarlyStop;
import io.ipcbench.report.Noise;
import io.ipcbench.report.PairedComparison;
import io.ipcbench.report.ComparisonPage;
import io.ipcbench.report.ComparisonPage.PairedMarkdown;
import io.ipcbench.report.ResultSet;
import io.ipcbench.report.PairedComparison.PairedRow;
import io.ipcbench.report.GateStatistics.RowVerdicts;
import io.ipcbench.core.BadInput;

/**
 * {@code scripts/ab BASE CAND [options] [JMH options]}: is the candidate slower than the base, on
 * this machine, now? Both versions are built once (git revisions in temporary work trees, or two
 * built suite folders used as they are) and measured in interleaved pairs of forks
 * ({@link PairedRounds}); the report ({@link PairedComparison}, {@link PairedMarkdown}) goes to
 * stdout and to summary.md in the run folder (results/ab/&lt;timestamp&gt;/ by default), beside the
 * raw per-fork run folders of both sides and pairs.json. An A/A run (both sides the same commit or
 * folder, no patch) also writes aa.json, the rows' noise, for {@code --aa} of later runs.
 *
 * <p>Our options start with "--" and may come anywhere; the other arguments after BASE and CAND are
 * JMH's ({@link AbJmhOptions}), checked before anything is built. {@code -h} is our help, not JMH's.
 */
@Command(name = "scripts/ab", sortOptions = false,
        description = {"Is CAND slower than BASE? Both (git revisions of this checkout, or built suite folders) are built once"
            + " and measured on this machine in interleaved, randomly ordered pairs of forks, one row (benchmark x mode x params)"
            + " at a time. The Markdown report goes to stdout and to summary.md in the run folder, beside pairs.json and the"
            + " raw run folders of every fork; an A/A run (the same code on both sides) also writes aa.json."},
        exitCodeList = {"0:the report is written (and, with --fail-on-regression, no row is slower and no fork failed)",
            "1:--fail-on-regression and a row is slower", "2:bad input: one line on stderr (the options are checked before anything is built)",
            "3:a build or the patch failed, or the run could not finish; or --fail-on-regression and forks failed"},
        footer = {"", "JMH's -f (other than 1), -t (other than 1), unknown -p names and the list options (-l, -lp, -lprof, -lrf)"
            + " and -rf/-rff are refused; -f 1, -p, -bm and the regexps are set per fork from its row. -h is this help, not JMH's."})
public final class AbMain implements Callable<Integer> {
    /** The checkout scripts/ab belongs to: the git repository of revisions, and where results/ab goes. */
    static final String ROOT_VARIABLE = "IPCBENCH_ROOT";
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int MAX_ROUNDS = 10_000;

    @Parameters(index = "0", paramLabel = "BASE", parameterConsumer = AbJmhOptions.PassThrough.class,
            description = "The base: a git revision of this checkout, or a built suite folder.")
    private String base;

    @Parameters(index = "1", paramLabel = "CAND", parameterConsumer = AbJmhOptions.PassThrough.class,
            description = "The candidate, likewise.")
    private String candidate;

    @Parameters(index = "2..*", paramLabel = "JMH_OPTION", parameterConsumer = AbJmhOptions.PassThrough.class,
            description = "JMH's options and benchmark regexps: they select the rows (regexps, -p, -bm), the rest goes to every fork.")
    private List<String> jmhGiven = new ArrayList<>();

    @Option(names = "--rounds", paramLabel = "N", description = "Pairs of forks per row at most, 1 to 10000 (default ${DEFAULT-VALUE}).")
    private int rounds = 10;

    @Option(names = "--min-effect", paramLabel = "PCT", converter = CompareMain.Percent.class,
            description = "Smallest slowdown that counts, in %% (default ${DEFAULT-VALUE}).")
    private double minEffectPercent = 5;

    @Option(names = "--fail-on-regression", description = "Exit 1 when a row is slower, 3 when forks failed.")
    private boolean failOnRegression;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the order of rows and sides, as a report prints it (default: random).")
    private Long seed;

    @Option(names = "--aa", paramLabel = "FILE", description = "aa.json of an A/A run: the rows' noise for the MDE.")
    private Path aa;

    @Option(names = "--out", paramLabel = "DIR", description = "The run folder (default: results/ab/<yyyyMMdd-HHmmss> of this checkout).")
    private Path out;

    @Option(names = "--cand-patch", paramLabel = "FILE",
            description = "A patch applied to CAND's work tree before building (a test of the gate; CAND must be a git revision).")
    private Path candidatePatch;

    @Option(names = "--no-early-stop", description = "Run every row every round.")
    private boolean noEarlyStop;

    @Option(names = "--profile", paramLabel = "full|quick", description = "Each fork's profile (default: ${DEFAULT-VALUE}).")
    private String profile = "full";

    @Option(names = "--idle", paramLabel = "as-booted|poll", description = "How idle CPUs wait during the run: "
            + IdlePolling.OPTION_HELP + " (default: ${DEFAULT-VALUE}).")
    private String idle = IdlePolling.AS_BOOTED;

    private AbMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return commandLine(new AbMain()).execute(args);
    }

    private static CommandLine commandLine(AbMain ab) {
        CommandLine line = Cli.commandLine("ipc-bench ab", ab).setUnmatchedOptionsArePositionalParams(true); // JMH's, to PassThrough
        IExecutionExceptionHandler shared = line.getExecutionExceptionHandler();
        // exit 1 is the gate's verdict: a run that could not finish is 3, whatever stopped it
        return line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof RunFailure) {
                System.err.println("ipc-bench ab: " + e.getMessage());
                return RunFailure.EXIT;
            }
            int exit = shared.handleExecutionException(e, failed, parsed);
            return exit == Cli.EXIT_FAILED ? RunFailure.EXIT : exit;
        });
    }

    /** The options {@code args} give, checked as a run checks them, with {@code defaultOut} as the run folder. */
    static AbOptions parse(String[] args, Path defaultOut) {
        AbMain ab = new AbMain();
        commandLine(ab).parseArgs(args);
        return ab.options(defaultOut);
    }

    @Override
    public Integer call() {
        Path root = Path.of(Objects.requireNonNullElse(System.getenv(ROOT_VARIABLE), ".")).toAbsolutePath().normalize();
        AbOptions options = options(root.resolve("results/ab").resolve(LocalDateTime.now().format(RUN_NAME)));
        try (IdlePolling held = IdlePolling.forMode(options.idle())) {
            return ab(root, options);
        }
    }

    private AbOptions options(Path defaultOut) {
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new BadInput("--rounds takes a number from 1 to " + MAX_ROUNDS + ", not '" + rounds + "'");
        }
        String profileName = BenchMain.Profile.parse(profile).name().toLowerCase(Locale.ROOT);
        if (aa != null && !Files.isRegularFile(aa)) {
            throw new BadInput("no such A/A spread file: " + aa);
        }
        if (candidatePatch != null && !Files.isRegularFile(candidatePatch)) {
            throw new BadInput("no such patch file: " + candidatePatch);
        }
        AbJmhOptions jmh = AbJmhOptions.of(jmhGiven);
        return new AbOptions(base, candidate, rounds, minEffectPercent / 100, failOnRegression, seed == null ? System.nanoTime() : seed,
                aa, out == null ? defaultOut : out, candidatePatch == null ? null : candidatePatch.toAbsolutePath(), !noEarlyStop,
                profileName, IdlePolling.checkMode(idle), jmh.perFork(), jmh.selection());
    }

    private static int ab(Path root, AbOptions options) {
        Noise spreads = options.aa() == null ? null : Noise.read(options.aa()); // a wrong file is refused before anything is built
        Side base = side(root, options.base(), null);
        Side candidate = side(root, options.candidate(), options.candidatePatch());
        boolean aa = options.candidatePatch() == null && base.sameCodeAs(candidate);
        Path runDir = createRunDir(options.out());
        try (WorkTrees trees = new WorkTrees(root)) {
            Suite baseSuite = base.build(trees, "baseline", runDir);
            Suite candidateSuite = aa && base.commit != null ? new Suite(candidate.label, baseSuite.commit(), baseSuite.root(),
                    baseSuite.jvmFlags()) : candidate.build(trees, "candidate", runDir);
            List<BenchRow> rows = BenchRow.select(baseSuite.benchmarkList(), options.selection());
            System.err.println("ipc-bench ab: " + rows.size() + " rows × up to " + options.rounds() + " rounds, run folder " + runDir);
            List<PairedRow> measured = PairedRounds.run(baseSuite, candidateSuite, BenchMain.class.getName(), rows, options, runDir, System.err);
            PairedComparison comparison = PairedComparison.of(measured, options.minEffect(), RowVerdicts.ALPHA, spreads);
            ComparisonPage page = PairedMarkdown.page(comparison, header(options, baseSuite, candidateSuite, rows, runDir, aa),
                    PairedComparison.MIN_PAIRS, earlyStopNote(options), mdeNote(options, spreads));
            String report = page.markdown();
            Files.writeString(runDir.resolve("summary.md"), report, StandardCharsets.UTF_8);
            Files.writeString(runDir.resolve("summary.html"), page.html(), StandardCharsets.UTF_8);
            if (aa) {
                Noise.paired(measured, forkFingerprint(runDir), ResultSet.readable(runDir)).write(runDir.resolve("aa.json"));
            }
            System.out.print(report);
            int failed = measured.stream().mapToInt(PairedRow::failedPairs).sum();
            if (failed > 0) {
                // a fork that fails is a broken benchmark or machine, not noise: a gate must not pass it as "inconclusive"
                System.err.println("ipc-bench ab: " + failed + " pairs lost to failed forks, or forks without the row's figure (their fork.log"
                        + " and run folder under " + runDir.resolve("raw")
                        + ")" + (options.failOnRegression() ? "; failing the gate" : ""));
            }
            if (options.failOnRegression() && comparison.count(Comparison.Verdict.SLOWER) > 0) {
                return Cli.EXIT_FAILED;
            }
            return options.failOnRegression() && failed > 0 ? RunFailure.EXIT : Cli.EXIT_OK;
        } catch (IOException e) {
            throw new RunFailure("cannot write the report into " + runDir + ": " + e.getMessage());
        }
    }

    /** One side as given: a built suite folder, or a commit to build (with the candidate's patch). */
    private record Side(String label, Path folder, String commit, Path patch) {
        boolean sameCodeAs(Side other) {
            return folder != null ? folder.equals(other.folder) : commit.equals(other.commit);
        }

        Suite build(WorkTrees trees, String name, Path runDir) {
            if (folder != null) {
                return Suite.at(label, "", folder);
            }
            Path tree = trees.build(name, commit, patch, runDir.resolve("build-" + name + ".log"));
            return Suite.at(label, commit, tree);
        }
    }

    private static Side side(Path root, String given, Path patch) {
        Path folder = Path.of(given).toAbsolutePath().normalize();
        if (Files.isDirectory(folder) && Suite.isBuilt(folder)) {
            if (patch != null) {
                throw new BadInput("--cand-patch needs CAND to be a git revision (it is applied to a fresh work tree), not the folder " + given);
            }
            return new Side(given, folder, null, null);
        }
        String commit = WorkTrees.resolve(root, given);
        if (commit == null) {
            throw new BadInput("'" + given + "' is neither a git revision of " + root + " nor a built suite folder"
                    + " (target/classes, target/test-classes, target/classpath.txt)");
        }
        return new Side(given, null, commit, patch);
    }

    private static Path createRunDir(Path out) {
        try {
            Files.createDirectories(out.getParent() == null ? Path.of(".") : out.getParent());
            Path dir = out;
            for (int n = 2; Files.exists(dir) && !isEmptyDir(dir); n++) {
                dir = out.resolveSibling(out.getFileName() + "-" + n);
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInput("cannot write results under " + out.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    /** The fingerprint of one of the run's forks (all ran on this machine and JVM), or null when none wrote one. */
    private static Fingerprint forkFingerprint(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir.resolve("raw"))) {
            return null;
        }
        try (Stream<Path> files = Files.walk(runDir.resolve("raw"))) {
            return files.filter(f -> f.endsWith("fingerprint.json")).findFirst().map(Fingerprint::read).orElse(null);
        }
    }

    private static List<String> header(AbOptions options, Suite base, Suite candidate, List<BenchRow> rows, Path runDir, boolean aa) {
        List<String> lines = new ArrayList<>();
        lines.add("Baseline: " + described(base));
        lines.add("Candidate: " + described(candidate) + (options.candidatePatch() == null ? "" : ", with `"
                + options.candidatePatch().getFileName() + "` applied (a test patch: a known slowdown, never in a normal run)"));
        if (aa) {
            lines.add("**A/A run**: both sides are the same code, so every row should read no change; its spreads are in `aa.json`.");
        }
        lines.add(String.format(Locale.ROOT, "%d rows, up to %d rounds, seed %d (`--seed %d` repeats the order); each fork: `-f 1 %s` "
                + "with the row's `-p` and `-bm`, profile %s; JDK %s.", rows.size(), options.rounds(), options.seed(), options.seed(),
                String.join(" ", options.jmhArgs()), options.profile(), Runtime.version()));
        if (options.idle().equals(IdlePolling.POLL)) {
            lines.add("Idle CPUs held polling for the whole run (`--idle=poll`): no wake-up goes through a halted CPU.");
        }
        lines.add("Raw per-fork run folders of both sides, pairs.json and this summary: `" + ResultSet.readable(runDir) + "`.");
        return lines;
    }

    /** "`HEAD~1` (a1b2c3…)", or "`../other` (built folder other)". */
    private static String described(Suite suite) {
        return "`" + suite.label() + "`" + (suite.commit().isEmpty() ? " (built folder " + suite.root().getFileName() + ")"
                : " (" + suite.commit() + ")");
    }

    private static String earlyStopNote(AbOptions options) {
        if (!options.earlyStop()) {
            return "Early stopping: off (--no-early-stop); every row ran every round.";
        }
        return "Early stopping: from " + PairedComparison.MIN_PAIRS + " pairs on, a row stops once its interval at 1 − α/(m·K) "
                + "(Bonferroni over the m rows and the K rounds it is looked at) lies entirely beyond ±limit or entirely inside it"
                + " (" + EarlyStop.class.getSimpleName() + "); the pairs column says after which round.";
    }

    private static String mdeNote(AbOptions options, Noise spreads) {
        String source = spreads == null ? "each row's own pairs (give an A/A run's aa.json with --aa for noise alone)"
                : "the A/A spreads in `" + ResultSet.readable(options.aa()) + "`, from " + spreads.source()
                        + " (rows it lacks, or has the spread of another figure for: their own pairs)";
        return "MDE: the smallest slowdown each row detects with 80 % power with the pairs it ran, after the Holm correction's "
                + "strictest step, from the spread of paired log ratios of " + source + ".";
    }
}
