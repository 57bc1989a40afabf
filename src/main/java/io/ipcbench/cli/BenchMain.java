package io.ipcbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.Capacity;
import io.ipcbench.core.ClockSource;
import io.ipcbench.core.LoadDirection;
import io.ipcbench.core.OfferedRate;
import io.ipcbench.core.WaitMode;
import io.ipcbench.floor.ForkFloorProfiler;
import io.ipcbench.floor.FloorDrift;
import io.ipcbench.hygiene.ParentWatch;
import io.ipcbench.core.Placement;
import io.ipcbench.hygiene.Ledger;
import io.ipcbench.hygiene.StaleObjects;
import io.ipcbench.machine.IdlePolling;
import io.ipcbench.machine.RunConditions;
import io.ipcbench.peer.CpuCostProfiler;
import io.ipcbench.peer.LatencyProfiler;
import io.ipcbench.peer.TrialProfiler;
import io.ipcbench.report.Fingerprint;
import io.ipcbench.report.Fingerprint.JmhOptionsInForce;
import io.ipcbench.report.Report;
import io.ipcbench.report.ResultRow;
import io.ipcbench.report.ResultSet;
import io.ipcbench.report.Floors;
import io.ipcbench.report.HostPlacements;
import io.ipcbench.report.HtmlReport;
import io.ipcbench.report.SelfCheck;
import io.ipcbench.report.Verdict;
import io.ipcbench.core.PeerMode;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.registry.TransportRegistry;

/**
 * The launcher behind {@code mvn jmh:run}: checks the JMH options and the suite's parameters
 * before any JVM is forked (a bad value is one line and exit 2), applies the chosen profile, runs
 * JMH and writes {@code <results-dir>/<yyyyMMdd-HHmmss>/jmh.json}, repointing {@code latest}.
 *
 * <p>Our options come first ({@code --results-dir=DIR}, {@code --profile=full|quick|load},
 * {@code --exit-with-parent}, {@code --help}); from the first argument that is not one of them on,
 * every argument is a JMH option, passed through unchanged ({@code -h} is JMH's help).
 * {@code mvn jmh:run} passes {@code --exit-with-parent}, so that killing Maven, even with SIGKILL,
 * ends the run; started by hand (or under nohup) the launcher outlives the shell that started it.
 */
@Command(name = "ipc-bench", sortOptions = false,
        customSynopsis = {"mvn jmh:run [-Djmh.profile=full|quick|load] [-Djmh.idle=as-booted|poll] [-Djmh.resultsDir=DIR]",
            "            [-Djmh.args=\"[--help] JMH_OPTION...\"]",
            "   or: java ... io.ipcbench.cli.BenchMain [--results-dir=DIR]",
            "            [--profile=full|quick|load] [--idle=as-booted|poll] [--exit-with-parent] [--help] [JMH_OPTION...]"},
        description = {"Runs the benchmarks with JMH and writes results/runs/<yyyyMMdd-HHmmss>/ (jmh.json, fingerprint,"
            + " charts, report.html), repointing results/runs/latest. Bad input is refused before anything runs."},
        exitCodeList = {"0:the run and its report are written", "1:the run failed (or a step after it: the line says which)",
            "2:bad input: one line on stderr, nothing run"},
        footer = {"", "Through Maven the exit code is Maven's: 1 whenever the launcher's is not 0; Maven's [ERROR] line says"
            + " \"bad input (exit 2)\" or \"the benchmark run failed (exit 1)\"."})
public final class BenchMain implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = Cli.EXIT_BAD_INPUT;
    static final int EXIT_RUN_FAILED = Cli.EXIT_FAILED;
    private static final long MIN_FREE_BYTES = 64L * 1024 * 1024;
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--results-dir", paramLabel = "DIR", description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    private Path resultsDir = Path.of("results", "runs");

    @Option(names = "--profile", paramLabel = "full|quick|load",
            description = "full: the benchmarks' own sweep; quick: 64 B and 64 KiB, short iterations; load: LoadBenchmark's rate"
                + " sweep at 64 B, a few minutes (default: ${DEFAULT-VALUE}).")
    private String profileName = "full";

    @Option(names = "--idle", paramLabel = "as-booted|poll", description = "How idle CPUs wait during the run: "
            + IdlePolling.OPTION_HELP + " (default: ${DEFAULT-VALUE}).")
    private String idle = IdlePolling.AS_BOOTED;

    @Option(names = "--exit-with-parent", description = "End the run when the process that started it dies (mvn jmh:run passes it).")
    private boolean exitWithParent;

    /** Only the long form: {@code -h} is JMH's, which lists JMH's options. */
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit; -h lists JMH's options.")
    private boolean help;

    @Parameters(paramLabel = "JMH_OPTION", description = "JMH's options and benchmark regexps, passed to JMH unchanged.")
    private List<String> jmhArgs = new ArrayList<>();

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.commandLine("ipc-bench", new BenchMain())
                .setUnmatchedOptionsArePositionalParams(true) // JMH's options ...
                .setStopAtPositional(true) // ... and all after the first of them go to JMH as given
                .execute(args);
    }

    @Override
    public Integer call() {
        if (exitWithParent) {
            ParentWatch.exitWhenParentDies("ipc-bench", EXIT_RUN_FAILED);
        }
        Profile profile = Profile.parse(profileName);
        // held until the fingerprint is written, which records it (machine.IdleSettings)
        try (IdlePolling held = IdlePolling.forMode(idle)) {
            return runChecked(resultsDir, profile, idle, jmhArgs);
        }
    }

    private static int runChecked(Path resultsDir, Profile profile, String idle, List<String> jmhArgs) {
        CommandLineOptions options = parseJmhOptions(jmhArgs);
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            try {
                org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
                return 0;
            } catch (IOException | RuntimeException e) {
                throw new BadInput(String.valueOf(e.getMessage()));
            }
        }
        if (options.getResult().hasValue() || options.getResultFormat().hasValue()) {
            throw new BadInput("-rf/-rff are not needed: results are always written as JSON to " + resultsDir + "/<timestamp>/jmh.json");
        }
        SweepPlan plan = checkParameters(options, jmhArgs, profile);
        checkLedger();
        reclaimStaleObjects();

        for (Path abandoned : UnfinishedRuns.removeAbandoned(resultsDir)) {
            System.err.println("ipc-bench: removed " + abandoned + ": the unfinished run of a launcher that was killed");
        }
        checkFreeSpace(resultsDir);
        Path runDir = createRunDir(resultsDir);
        writeTransports(runDir);
        // Ctrl-C mid-run: JMH stops its forks (whose hooks stop the peers); no half run folder stays.
        // A folder that holds a finished jmh.json is never deleted. kill -9 runs no hook: the next launch removes it.
        Thread removeUnfinished = new Thread(() -> deleteUnlessFinished(runDir), "ipc-bench-unfinished-run");
        Runtime.getRuntime().addShutdownHook(removeUnfinished);
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(options)
                .addProfiler(ForkFloorProfiler.class) // first: JMH asks it last after an iteration, when the CPU profiler has read its counters
                .addProfiler(CpuCostProfiler.class)
                .addProfiler(LatencyProfiler.class)
                // JMH lists these before the command line's (-prof gc) and asks them after it: the first to read an
                // ended trial releases it (peer.TrialRecord), outside gc's window
                .addProfiler(TrialProfiler.class)
                // the forks write every round trip's histogram into the run folder
                .jvmArgsAppend(withRunDir(options, runDir));
        if (!options.shouldFailOnError().hasValue()) {
            builder.shouldFailOnError(true);
        }
        profile.apply(options, builder);
        excludeUnrequested(options, profile, builder);

        Options runOptions = builder.build();
        Optional<ForkStartup.Prepared> startup = forkStartup(runOptions);
        if (startup.isPresent()) {
            runOptions = new OptionsBuilder().parent(runOptions)
                    .jvmArgsAppend(withRunDir(options, runDir, startup.get().jvmFlags().toArray(String[]::new))).build();
        }
        System.out.println("ipc-bench: " + RunEstimate.of(runOptions, plan).line());
        if (!options.getParameter(Benchmarks.TRANSPORT).hasValue()) {
            overBudget(profile).ifPresent(line -> System.err.println("ipc-bench: warning: " + line));
        }
        RunConditions conditions = RunConditions.start(); // the machine's floor before the first trial, steal from here
        Collection<RunResult> results;
        String classPath = System.getProperty("java.class.path");
        try {
            // JMH gives its forks this JVM's class path, and each fork gives it to its peer
            startup.ifPresent(prepared -> System.setProperty("java.class.path", prepared.classPath()));
            results = SweepRun.run(plan, runOptions, runDir.resolve("jmh.json"));
            conditions.finish(); // ... and after the last
        } catch (RunnerException e) {
            deleteUnlessFinished(runDir);
            System.err.println("ipc-bench: the run failed: " + rootMessage(e));
            return EXIT_RUN_FAILED;
        } finally {
            System.setProperty("java.class.path", classPath);
        }
        String unusable = results.isEmpty() ? "no benchmark produced a result (check the benchmark regexp and -p values)"
                : unreadableResults(runDir);
        if (unusable != null) {
            deleteUnlessFinished(runDir);
            System.err.println("ipc-bench: " + unusable);
            return EXIT_RUN_FAILED;
        }
        Runtime.getRuntime().removeShutdownHook(removeUnfinished);
        UnfinishedRuns.finished(runDir);
        pointLatestAt(runDir);
        String profileName = profile.name().toLowerCase();
        String rerun = "mvn jmh:run" + (profile == Profile.FULL ? "" : " -Djmh.profile=" + profileName)
                + (IdlePolling.POLL.equals(idle) ? " -Djmh.idle=" + IdlePolling.POLL : "");
        return finishRun(runDir, jmhArgs, profileName,
                JmhOptionsInForce.of(profileName, runOptions, results.stream().map(RunResult::getParams).toList()), conditions,
                plan.skippedLines(), rerun);
    }

    /** The axes every row of the run shared at a value other than the benchmarks' default, as -p options ("-p placement=same-core "). */
    static String fixedParams(List<ResultRow> rows) {
        Map<String, String> defaults = Map.of(Benchmarks.PLACEMENT, Placement.CROSS_CORE.label(), Benchmarks.WAIT, WaitMode.BY_DESIGN,
                Benchmarks.CAPACITY, Capacity.BY_DESIGN);
        StringBuilder fixed = new StringBuilder();
        for (String axis : List.of(Benchmarks.PLACEMENT, Benchmarks.WAIT, Benchmarks.CAPACITY)) {
            // a row without the param (a result set from before the axis, or the default left unsaid) has its default
            List<String> values = rows.stream().map(r -> r.param(axis).isEmpty() ? defaults.get(axis) : r.param(axis)).distinct().toList();
            if (values.size() == 1 && !values.get(0).equals(defaults.get(axis))) {
                fixed.append("-p ").append(axis).append('=').append(values.get(0)).append(' ');
            }
        }
        return fixed.toString();
    }

    /**
     * Adds the fingerprint, the charts and report.html to a run folder whose jmh.json is written.
     * Whatever fails here, the measured results stay: the line says which step failed and how to
     * redo it.
     */
    static int finishRun(Path runDir, List<String> jmhArgs, String profile, Map<String, Object> jmhOptions, RunConditions conditions,
            List<String> skipped, String rerun) {
        String step = "the fingerprint";
        try {
            Fingerprint.ofThisMachine(ResultSet.load(runDir).rows(), jmhArgs, profile, jmhOptions, conditions.toJson(), skipped)
                    .write(runDir.resolve("fingerprint.json"));
            step = "the charts and report.html";
            ResultSet written = ResultSet.load(runDir);
            Report.render(written, runDir, Report.defaultSpectrumPayload(written));
            SelfCheck.warnings(written).forEach(w -> System.err.println("ipc-bench: warning: " + w));
            Floors.Forks.warnings(written).forEach(w -> System.err.println("ipc-bench: warning: " + w));
            placementLines(written).forEach(System.out::println);
            Map<String, List<Verdict.Answer>> verdicts = HtmlReport.verdicts(written);
            verdicts.forEach((placement, answers) -> Verdict.line(placement, answers)
                    .ifPresent(line -> System.out.println("ipc-bench: " + line)));
            // one way to settle an open answer, from the first placement that gives a verdict
            int forksARow = written.rows().stream().mapToInt(ResultRow::forkCount).max().orElse(0);
            String fixed = fixedParams(written.rows());
            verdicts.values().stream().filter(answers -> Verdict.line("", answers).isPresent()).findFirst()
                    .flatMap(answers -> Verdict.settle(answers, forksARow, rerun, fixed))
                    .ifPresent(line -> System.out.println("ipc-bench: " + line));
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException io ? describe(io) : String.valueOf(e.getMessage());
            System.err.println("ipc-bench: the results are safe in " + runDir.resolve("jmh.json") + ", but writing " + step
                    + " failed: " + why + lowSpaceHint(runDir) + "; once fixed, redo the charts and report with: scripts/plot " + runDir);
            return EXIT_RUN_FAILED;
        }
        System.out.println("ipc-bench: results, fingerprint, charts and report.html in " + runDir);
        if (!conditions.floorMoved().isEmpty()) {
            System.err.println(FloorDrift.warning(conditions.floorMoved()));
        }
        return 0;
    }

    /** Rows named in the closing lines before "and N more". */
    private static final int NAMED_ROWS = 8;

    /**
     * The closing lines on the host's placements (report.HostPlacements): which the forks' floors
     * saw, and, when there were several, the rows whose forks all ran in one of them (their figure
     * holds that placement only). Nothing for a run without fork floors.
     */
    static List<String> placementLines(ResultSet results) {
        HostPlacements placements = HostPlacements.of(results);
        if (placements.groups().isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("ipc-bench: placements of the host, by each fork's floor: " + placements.summary() + " ("
                + placements.groups().stream().map(HostPlacements.Group::text).collect(java.util.stream.Collectors.joining("; ")) + ")");
        List<String> onlyOne = placements.seenInOnlyOne(results);
        if (!onlyOne.isEmpty()) {
            lines.add("ipc-bench: " + onlyOne.size() + " of " + results.rows().size() + " rows were seen in one placement only: "
                    + String.join("; ", onlyOne.subList(0, Math.min(NAMED_ROWS, onlyOne.size())))
                    + (onlyOne.size() > NAMED_ROWS ? " and " + (onlyOne.size() - NAMED_ROWS) + " more" : ""));
        } else if (placements.groups().size() > 1) {
            lines.add("ipc-bench: every row was seen in more than one placement");
        }
        return lines;
    }

    /**
     * Benchmarks that run only when asked for ({@link Benchmarks#onRequestOnly}: the load sweep) are
     * excluded unless a benchmark regexp selects them or the load profile runs, so that
     * {@code mvn jmh:run} and the quick profile keep their budgets.
     */
    static void excludeUnrequested(CommandLineOptions options, Profile profile, ChainedOptionsBuilder builder) {
        for (Benchmarks benchmark : Benchmarks.values()) {
            if (benchmark.onRequestOnly() && !(profile == Profile.LOAD && benchmark == Benchmarks.LOAD)
                    && !Benchmarks.selectedExplicitly(options.getIncludes(), benchmark.fullName())) {
                builder.exclude("^" + java.util.regex.Pattern.quote(benchmark.fullName()) + "$");
            }
        }
    }

    /**
     * Said when the profile over the registry's default sweep no longer fits its budget: a transport
     * added to the default sweep that should have been registered on request.
     */
    static java.util.Optional<String> overBudget(Profile profile) {
        RunEstimate estimate = profile.defaultSweepEstimate();
        if (estimate.seconds() <= profile.budgetSeconds()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the " + profile.name().toLowerCase() + " profile over the registry's default sweep ("
                + TransportRegistry.defaultNames().size() + " transports) is " + estimate.line() + ", over its budget of "
                + profile.budgetSeconds() / 60 + " min (docs/measurement.md, \"Profiles and budgets\": register a transport on request)");
    }

    /** The registry as this version knows it, beside jmh.json, for the scripts (TransportRegistry.RUN_FILE). */
    private static void writeTransports(Path runDir) {
        try {
            TransportRegistry.writeRunFile(runDir);
        } catch (IOException e) {
            throw new BadInput("cannot write " + runDir.resolve(TransportRegistry.RUN_FILE) + ": " + describe(e));
        }
    }

    /** The user's -jvmArgsAppend, if any, plus the run folder for {@link LatencyProfiler}'s logs, and any further flags. */
    private static String[] withRunDir(CommandLineOptions options, Path runDir, String... more) {
        List<String> args = new ArrayList<>(options.getJvmArgsAppend().orElse(List.of()));
        args.add("-D" + LatencyProfiler.RUN_DIR_PROPERTY + "=" + runDir.toAbsolutePath());
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /**
     * The forks' faster start ({@link ForkStartup}: a class-data archive, JNA's library unpacked once), unless the run has no forks, runs
     * them on another JVM ({@code -jvm}) or turns it off ({@code -Dipcbench.cds=false}); the forks' own flags
     * decide the rest ({@link ForkStartup#forThisClassPath}). Said in one line when it cannot be made; the run goes on.
     */
    private static Optional<ForkStartup.Prepared> forkStartup(Options runOptions) {
        if (runOptions.getForkCount().orElse(1) == 0 || runOptions.getJvm().hasValue()
                || "false".equals(System.getProperty(ForkStartup.PROPERTY))) {
            return Optional.empty();
        }
        List<String> why = new ArrayList<>();
        // the flags JMH gives a fork: the command line's -jvmArgs, else this JVM's own, between the prepended and appended
        List<String> forkFlags = new ArrayList<>(runOptions.getJvmArgsPrepend().orElse(List.of()));
        forkFlags.addAll(runOptions.getJvmArgs().orElse(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        forkFlags.addAll(runOptions.getJvmArgsAppend().orElse(List.of()));
        Optional<ForkStartup.Prepared> prepared = ForkStartup.forThisClassPath(forkFlags, why);
        if (prepared.isEmpty() && !why.isEmpty()) {
            System.err.println("ipc-bench: the forks start without a class-data archive: " + String.join("; ", why));
        }
        return prepared;
    }

    /** Null if the run folder's jmh.json loads, else why not (naming a full disk when that is the cause). */
    private static String unreadableResults(Path runDir) {
        Path json = runDir.resolve("jmh.json");
        if (!Files.exists(json)) {
            return "JMH wrote no results to " + json + lowSpaceHint(runDir);
        }
        try {
            ResultSet.load(runDir);
            return null;
        } catch (BadInput e) {
            return "JMH's results in " + json + " cannot be read: " + e.getMessage() + lowSpaceHint(runDir);
        }
    }

    /** Results need a few MiB (JMH's JSON of a full sweep is ~10 MiB): refuse before running on a full disk. */
    private static void checkFreeSpace(Path resultsDir) {
        long free = usableBytes(resultsDir);
        if (free >= 0 && free < MIN_FREE_BYTES) {
            throw new BadInput("only " + free / (1024 * 1024) + " MiB free on the disk holding " + resultsDir.toAbsolutePath()
                    + "; a run needs at least " + MIN_FREE_BYTES / (1024 * 1024) + " MiB for its results (free some, or pass"
                    + " -Djmh.resultsDir=DIR to mvn jmh:run)");
        }
    }

    private static String lowSpaceHint(Path dir) {
        long free = usableBytes(dir);
        return free >= 0 && free < MIN_FREE_BYTES ? " (the disk holding " + dir + " is nearly full: " + free / 1024 + " KiB free)" : "";
    }

    /** Usable bytes on the file system of {@code dir} or its nearest existing ancestor; -1 if unknown. */
    private static long usableBytes(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? -1 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static CommandLineOptions parseJmhOptions(List<String> jmhArgs) {
        try {
            return new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            // JMH's options have one dash: a --option among them is the launcher's, given too late
            String hint = jmhArgs.stream().anyMatch(arg -> arg.startsWith("--"))
                    ? " (the launcher's own --options go before JMH's; -h lists JMH's options)" : " (-h lists JMH's options)";
            throw new BadInput("cannot parse the JMH options '" + String.join(" ", jmhArgs) + "': " + e.getMessage() + hint);
        }
    }

    /** The combinations of the -p values given (or the defaults) that can run; the rest are skipped. */
    private static SweepPlan checkParameters(CommandLineOptions options, List<String> jmhArgs, Profile profile) {
        checkRunShape(options, jmhArgs);
        Collection<String> transports = options.getParameter("transport").orElse(TransportRegistry.defaultNames());
        Collection<String> payloads = options.getParameter("payload").orElse(profile.payloads());
        Collection<String> placements = options.getParameter("placement").orElse(List.of(Placement.CROSS_CORE.label()));
        options.getParameter(Benchmarks.RATE).orElse(List.of()).forEach(OfferedRate::parse); // a bad rate is one line now
        checkOneWay(options.getParameter(Benchmarks.DIRECTION).orElse(List.of()), ClockSource.current());
        Collection<String> waits = options.getParameter(Benchmarks.WAIT).orElse(null); // null: each transport's own
        Collection<String> capacities = options.getParameter(Benchmarks.CAPACITY).orElse(null); // null: each mechanism's own
        return SweepPlan.of(transports, payloads, placements, waits, capacities);
    }

    /**
     * Every {@code -p direction=} value must be one; one-way load rows, whose only latency is one
     * way, are refused in one line where the clock source is not one every CPU reads alike (the
     * stream's one-way figures are then left out by the latency profiler, which says so).
     */
    static void checkOneWay(Collection<String> directions, String clockSource) {
        for (String direction : directions) {
            if (LoadDirection.parse(direction) == LoadDirection.ONEWAY && ClockSource.refusal(clockSource) != null) {
                throw new BadInput("direction=oneway: " + ClockSource.refusal(clockSource));
            }
        }
    }

    /** The benchmarks' parameters; JMH itself ignores a -p name no benchmark has. */
    static final List<String> PARAMETERS = Benchmarks.PARAMS;

    /**
     * Options JMH accepts that would distort this suite's results silently: refused in one line.
     * {@code -t N} would run N pairs pinned to the same two CPUs under one "cross-core" label; a
     * misspelt {@code -p} name would be ignored and the full default sweep run; a zero iteration
     * time stores one cold sample as the result.
     */
    static void checkRunShape(CommandLineOptions options, List<String> jmhArgs) {
        if (options.getThreads().hasValue() && options.getThreads().get() != 1) {
            throw new BadInput("-t " + options.getThreads().get() + ": each trial is one pair of processes pinned to its CPUs;"
                    + " more threads would share them and still be labelled by one placement (use -t 1)");
        }
        for (String name : parameterNames(jmhArgs)) {
            if (!PARAMETERS.contains(name)) {
                throw new BadInput("unknown parameter '" + name + "' in -p; valid: " + String.join(", ", PARAMETERS));
            }
        }
        for (var time : List.of(options.getMeasurementTime(), options.getWarmupTime())) {
            if (time.hasValue() && time.get().getTime() <= 0) {
                throw new BadInput("-r/-w " + time.get() + ": an iteration needs a time above zero (e.g. -r 1s)");
            }
        }
    }

    /** The names of {@code -p name=values} (or {@code -pname=values}) options; JMH's parser keeps them to itself. */
    private static List<String> parameterNames(List<String> jmhArgs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < jmhArgs.size(); i++) {
            String arg = jmhArgs.get(i);
            String spec = arg.equals("-p") && i + 1 < jmhArgs.size() ? jmhArgs.get(++i) : arg.startsWith("-p") && arg.length() > 2 ? arg.substring(2) : null;
            if (spec != null && spec.indexOf('=') > 0) {
                names.add(spec.substring(0, spec.indexOf('=')));
            }
        }
        return names;
    }

    /** Every trial records its objects in the ledger first: a ledger it cannot write is refused now, not at the first trial. */
    private static void checkLedger() {
        try {
            Ledger.checkWritable();
        } catch (java.io.UncheckedIOException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** What killed runs left behind goes before this run adds its own (see scripts/ipc-clean). */
    private static void reclaimStaleObjects() {
        try {
            for (String line : StaleObjects.reclaim()) {
                System.err.println("ipc-bench: left by a killed run: " + line);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("ipc-bench: warning: cannot read the ledger in " + Ledger.directory() + ": " + e.getMessage());
        }
    }

    private static Path createRunDir(Path resultsDir) {
        String name = LocalDateTime.now().format(RUN_NAME);
        try {
            Files.createDirectories(resultsDir);
            Path runDir = resultsDir.resolve(name);
            for (int n = 2; Files.exists(runDir); n++) {
                runDir = resultsDir.resolve(name + "-" + n);
            }
            Files.createDirectory(runDir);
            UnfinishedRuns.mark(runDir);
            return runDir;
        } catch (IOException e) {
            throw new BadInput("cannot write results under " + resultsDir.toAbsolutePath() + ": " + describe(e));
        }
    }

    private static void pointLatestAt(Path runDir) {
        Path latest = runDir.resolveSibling("latest");
        try {
            Files.deleteIfExists(latest);
            Files.createSymbolicLink(latest, runDir.getFileName());
        } catch (IOException e) {
            System.err.println("ipc-bench: warning: cannot point " + latest + " at " + runDir.getFileName() + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** Deletes an unfinished run folder, histogram logs and all; one holding JMH's results is kept, whatever failed after. */
    private static void deleteUnlessFinished(Path runDir) {
        if (Files.exists(runDir.resolve("jmh.json")) && unreadableResults(runDir) == null) {
            UnfinishedRuns.finished(runDir);
            return;
        }
        UnfinishedRuns.delete(runDir);
    }

    /**
     * The named run profiles; options given on the command line always win. Full and quick run 3
     * forks (full through the benchmarks' {@code @Fork}): forks are the samples (the variance between
     * JVMs is larger than within one), and 3 is the fewest for which the report gives a 95 % interval.
     * Load runs one, for a sweep of rates in minutes.
     */
    enum Profile {
        /**
         * The benchmarks' annotations: every payload of the sweep, with the forks and iterations the
         * annotations set, over the registry's default transports ({@code TransportRegistry.defaultNames()};
         * those it runs on request only when named). Budget ≤ 30 min on 2 cores ({@link RunEstimate}): each
         * default transport is 5 payloads × 2 benchmarks = 10 trials × 3 forks = 30 forks of ≤ 1 s of JVM
         * and peer start + 2 × 0.5 s warm-up + 3 × 0.8 s measured = 4.4 s, 132 s a transport: 13 fit.
         */
        FULL(30 * 60),
        /**
         * Every default transport at 64 B and 64 KiB, 3 forks of 1 × 0.2 s warm-up and 3 × 0.2 s measured
         * iterations. Budget ≤ 5 min on 2 cores: each default transport is 2 payloads × 2 benchmarks = 4
         * trials × 3 forks = 12 forks; each is allowed 1 s besides its iterations — JVM and peer start,
         * JMH's bookkeeping, the fork's floor probe ({@link RunEstimate}; measured 1.07–1.16 s on
         * 2026-11-28, 0.7–0.85 s since the forks start from a class-data archive, 2026-12-08)
         * + 0.2 s + 3 × 0.2 s = 1.8 s, 21.6 s a transport: 13 fit. The iterations were 0.3 s of warm-up and
         * 3 × 0.25 s measured until the per-fork floor pushed runs over the budget. Three measured
         * iterations, not two, because the steady-state test needs them: 3 forks × 2 iterations have
         * 8 orderings in all, so no trend could ever reach p &lt; 0.05. At ~45 µs per blocking round
         * trip, 0.2 s is ~4,400 round trips an iteration, ~13,000 a fork: enough for p99.9, not p99.99.
         */
        QUICK(5 * 60),
        /**
         * LoadBenchmark alone (unless a benchmark regexp says otherwise), every default transport at 64 B over
         * the benchmark's rates (7), 1 fork of 1 × 0.5 s warm-up and 2 × 1 s measured iterations.
         * Budget ≤ 5 min on 2 cores: each default transport is 7 trials × 1 fork, each ≤ 1 s of
         * JVM and peer start + 0.5 s + 2 s = 3.5 s, 24.5 s a transport: 12 fit, the registry's default
         * sweep today. One fork: a sweep
         * to see where each transport saturates and how its tail grows towards it, not rows to
         * compare with intervals (give {@code -f 3} for those). 1 s iterations: at 1000 msgs/s that
         * is 1,000 round trips an iteration, enough for p99.
         */
        LOAD(5 * 60);

        private final int budgetSeconds;

        Profile(int budgetSeconds) {
            this.budgetSeconds = budgetSeconds;
        }

        /** The most JMH time a run of this profile over the default sweep may take by {@link RunEstimate}'s arithmetic. */
        int budgetSeconds() {
            return budgetSeconds;
        }

        /**
         * A run of this profile as named (no option of the user's) over the registry's default sweep,
         * planned as the launcher plans it, by the budget arithmetic: what {@link #budgetSeconds()} holds.
         */
        RunEstimate defaultSweepEstimate() {
            CommandLineOptions none = parseJmhOptions(List.of());
            ChainedOptionsBuilder builder = new OptionsBuilder().parent(none);
            apply(none, builder);
            excludeUnrequested(none, this, builder);
            return RunEstimate.of(builder.build(),
                    SweepPlan.of(TransportRegistry.defaultNames(), payloads(), List.of(Placement.CROSS_CORE.label())));
        }

        static final int QUICK_FORKS = 3;
        static final int QUICK_WARMUP_ITERATIONS = 1;
        static final TimeValue QUICK_WARMUP_TIME = TimeValue.milliseconds(200);
        static final int QUICK_ITERATIONS = 3;
        static final TimeValue QUICK_ITERATION_TIME = TimeValue.milliseconds(200);
        static final List<String> QUICK_PAYLOADS = List.of("64", "65536");
        static final int LOAD_FORKS = 1;
        static final int LOAD_WARMUP_ITERATIONS = 1;
        static final TimeValue LOAD_WARMUP_TIME = TimeValue.milliseconds(500);
        static final int LOAD_ITERATIONS = 2;
        static final TimeValue LOAD_ITERATION_TIME = TimeValue.seconds(1);
        static final List<String> LOAD_PAYLOADS = List.of("64");

        static Profile parse(String name) {
            for (Profile p : values()) {
                if (p.name().equalsIgnoreCase(name)) {
                    return p;
                }
            }
            throw new BadInput("unknown profile '" + name + "'; valid: full, quick, load");
        }

        void apply(CommandLineOptions given, ChainedOptionsBuilder builder) {
            if (this == QUICK) {
                shape(given, builder, QUICK_FORKS, QUICK_WARMUP_ITERATIONS, QUICK_WARMUP_TIME, QUICK_ITERATIONS, QUICK_ITERATION_TIME);
            } else if (this == LOAD) {
                if (given.getIncludes().isEmpty()) {
                    builder.include("^" + java.util.regex.Pattern.quote(Benchmarks.LOAD.fullName()) + "$");
                }
                shape(given, builder, LOAD_FORKS, LOAD_WARMUP_ITERATIONS, LOAD_WARMUP_TIME, LOAD_ITERATIONS, LOAD_ITERATION_TIME);
            } else {
                return;
            }
            if (!given.getParameter("payload").hasValue()) {
                builder.param("payload", payloads().toArray(String[]::new));
            }
        }

        /** Forks and iterations as given, else the profile's. */
        private static void shape(CommandLineOptions given, ChainedOptionsBuilder builder, int forks, int warmupIterations,
                TimeValue warmupTime, int iterations, TimeValue iterationTime) {
            if (!given.getForkCount().hasValue()) {
                builder.forks(forks);
            }
            if (!given.getWarmupIterations().hasValue()) {
                builder.warmupIterations(warmupIterations);
            }
            if (!given.getWarmupTime().hasValue()) {
                builder.warmupTime(warmupTime);
            }
            if (!given.getMeasurementIterations().hasValue()) {
                builder.measurementIterations(iterations);
            }
            if (!given.getMeasurementTime().hasValue()) {
                builder.measurementTime(iterationTime);
            }
        }

        /** The payloads a run of this profile sweeps when -p payload is not given. */
        List<String> payloads() {
            return this == QUICK ? QUICK_PAYLOADS : this == LOAD ? LOAD_PAYLOADS : TrialSpec.DEFAULT_PAYLOADS;
        }
    }
}
