package io.ipcbench.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.UnCloseablePrintStream;
import org.openjdk.jmh.util.Utils;

/**
 * Runs a {@link SweepPlan} with JMH into one {@code jmh.json}, its forks spread across the run
 * (docs/measurement.md, "Measurement"): a trial's N forks are not run back to back but in N
 * passes, each one fork of every trial ({@code -f 1}), each pass in a new random order — the plan's
 * groups shuffled, and within a group the order of every param's values, so that JMH, which runs a
 * pass benchmark by benchmark with the params nested, meets the trials in another order each
 * time. The host moves the two vCPUs for minutes at a time; run back to back, a trial's forks all
 * landed in one placement, and whole trials read 3–6× better than their neighbours. Spread, an
 * episode touches one fork of many trials instead.
 *
 * <p>Each pass is one JMH run per group of the plan with that group's parameters over the same
 * options (benchmark regexp, profilers, iterations, …); warm-up forks ({@code -wf}) run in the
 * first pass only. The passes' results are merged, trial by trial, into one JMH result holding all
 * its forks ({@code forks} = the passes, one {@code rawData} entry a fork, in the order they ran)
 * and written through JMH's own JSON format in JMH's order, so the file reads as one run of
 * {@code -f N}. The output shows each pass's progress and one closing summary, whose "Run
 * complete. Total time" covers every pass. {@code -f 0} (in the launcher's JVM) and {@code -f 1}
 * are one pass.
 */
final class SweepRun {
    /** JMH's own default when neither -f nor @Fork says. */
    private static final int JMH_DEFAULT_FORKS = 5;

    private SweepRun() {
    }

    static Collection<RunResult> run(SweepPlan plan, Options options, Path jmhJson) throws RunnerException {
        return run(plan, options, jmhJson, new Random());
    }

    static Collection<RunResult> run(SweepPlan plan, Options options, Path jmhJson, Random random) throws RunnerException {
        plan.skippedLines().forEach(line -> System.err.println("ipc-bench: skipped " + line));
        int forks = forks(options);
        int passes = Math.max(1, forks);
        Map<String, List<BenchmarkResult>> byTrial = new LinkedHashMap<>();
        Map<String, BenchmarkParams> paramsByTrial = new LinkedHashMap<>();
        // JMH opens -o afresh for each run, which would keep only the last run's output: all share one stream
        try (OutputStream file = options.getOutput().hasValue() ? new FileOutputStream(options.getOutput().get()) : null) {
            OutputStream output = file != null ? file : System.out;
            // each Runner closes its output when done: uncloseable, as JMH makes System.out for its own runs
            OnePass format = new OnePass(OutputFormatFactory.createFormatInstance(
                    new UnCloseablePrintStream(output, Utils.guessConsoleEncoding()), options.verbosity().orElse(Defaults.VERBOSITY)));
            long start = System.nanoTime();
            for (int pass = 1; pass <= passes; pass++) {
                List<SweepPlan.Group> groups = new ArrayList<>(plan.groups());
                if (passes > 1) {
                    Collections.shuffle(groups, random);
                }
                int part = 1;
                for (SweepPlan.Group group : groups) {
                    String where = passes > 1 ? "pass " + pass + " of " + passes + " (one fork of every trial, in a new random order)"
                            + (groups.size() > 1 ? ", part " + part + " of " + groups.size() : "")
                            : "part " + part + " of " + groups.size();
                    if (passes > 1 || groups.size() > 1) {
                        format.flush();
                        System.out.println("ipc-bench: " + where + ": " + group.line());
                    }
                    part++;
                    OptionsBuilder groupOptions = new OptionsBuilder();
                    groupOptions.parent(options)
                            .param("transport", shuffled(group.transports(), random, passes))
                            .param("payload", shuffled(group.payloads(), random, passes))
                            .param("placement", shuffled(group.placements(), random, passes))
                            .param("wait", group.waitMode())
                            .param("capacity", group.capacity());
                    if (forks > 0) {
                        groupOptions.forks(1); // warm-up forks (-wf, @Fork's warmups) as given, in the first pass only
                        if (pass > 1) {
                            groupOptions.warmupForks(0);
                        }
                    }
                    for (RunResult result : new Runner(groupOptions.build(), format).run()) {
                        String trial = trialKey(result.getParams());
                        byTrial.computeIfAbsent(trial, k -> new ArrayList<>()).addAll(result.getBenchmarkResults());
                        paramsByTrial.putIfAbsent(trial, result.getParams());
                    }
                }
            }
            List<RunResult> results = new ArrayList<>();
            byTrial.forEach((trial, data) -> results.add(new RunResult(withForks(paramsByTrial.get(trial), forks, plan), data)));
            results.sort(RunResult.DEFAULT_SORT_COMPARATOR);
            format.finish(results, System.nanoTime() - start);
            ResultFormatFactory.getInstance(ResultFormatType.JSON, jmhJson.toString()).writeOut(results);
            return results;
        } catch (IOException e) {
            throw new RunnerException("cannot write JMH's output to " + options.getOutput().orElse("standard output") + ": " + e, e);
        }
    }

    /** The forks every trial gets: -f, else the benchmarks' @Fork (the most any selected one asks), else JMH's default. */
    static int forks(Options options) {
        if (options.getForkCount().hasValue()) {
            return options.getForkCount().get();
        }
        int most = -1;
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), includes(options), options.getExcludes())) {
            if (entry.getForks().hasValue()) {
                most = Math.max(most, entry.getForks().get());
            }
        }
        return most >= 0 ? most : JMH_DEFAULT_FORKS;
    }

    private static List<String> includes(Options options) {
        return options.getIncludes().isEmpty() ? List.of(".*") : options.getIncludes();
    }

    /** The values in a new random order (JMH runs them in the order given), or as given for a single pass. */
    private static String[] shuffled(List<String> values, Random random, int passes) {
        List<String> order = new ArrayList<>(values);
        if (passes > 1) {
            Collections.shuffle(order, random);
        }
        return order.toArray(String[]::new);
    }

    /** A trial across passes: benchmark, mode and every param's value (not JMH's ordinals, which the shuffle changes). */
    private static String trialKey(BenchmarkParams params) {
        Map<String, String> values = new TreeMap<>();
        params.getParamsKeys().forEach(key -> values.put(key, params.getParam(key)));
        return params.getBenchmark() + " " + params.getMode() + " " + values;
    }

    /**
     * The trial's params as one run of {@code forks} forks would have them: the fork counts, and
     * each shuffled param's ordinal its place in the plan's own order (JMH sorts results by them).
     */
    private static BenchmarkParams withForks(BenchmarkParams one, int forks, SweepPlan plan) {
        WorkloadParams workload = new WorkloadParams();
        for (String key : one.getParamsKeys()) {
            String value = one.getParam(key);
            workload.put(key, value, canonicalOrdinal(plan, key, value));
        }
        return new BenchmarkParams(one.getBenchmark(), one.generatedBenchmark(), one.shouldSynchIterations(), one.getThreads(),
                one.getThreadGroups(), one.getThreadGroupLabels(), forks, one.getWarmupForks(), one.getWarmup(), one.getMeasurement(),
                one.getMode(), workload, one.getTimeUnit(), one.getOpsPerInvocation(), one.getJvm(), one.getJvmArgs(),
                one.getJdkVersion(), one.getVmName(), one.getVmVersion(), one.getJmhVersion(), one.getTimeout());
    }

    /** A value's place in the plan's lists (first seen across its groups), so that JMH's order is the sweep's, not a pass's. */
    private static int canonicalOrdinal(SweepPlan plan, String key, String value) {
        List<String> order = new ArrayList<>();
        for (SweepPlan.Group group : plan.groups()) {
            List<String> values = switch (key) {
                case "transport" -> group.transports();
                case "payload" -> group.payloads();
                case "placement" -> group.placements();
                case "wait" -> List.of(group.waitMode());
                case "capacity" -> List.of(group.capacity());
                default -> List.of();
            };
            values.stream().filter(v -> !order.contains(v)).forEach(order::add);
        }
        int index = order.indexOf(value);
        return index >= 0 ? index : order.size();
    }

    /**
     * JMH's text output across several runs as one: the start and end of each run, its "Run complete. Total time" and its
     * summary table are held back; {@link #finish} prints the total time over all runs and one table of the merged results.
     */
    private static final class OnePass implements OutputFormat {
        private static final String RUN_COMPLETE = "# Run complete. Total time:";
        private final OutputFormat out;
        private boolean started;

        OnePass(OutputFormat out) {
            this.out = out;
        }

        void finish(Collection<RunResult> results, long nanos) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
            out.println(String.format(java.util.Locale.ROOT, "%s %02d:%02d:%02d", RUN_COMPLETE, seconds / 3600, seconds / 60 % 60,
                    seconds % 60));
            out.println("");
            out.endRun(results);
            out.flush();
        }

        @Override
        public void startRun() {
            if (!started) {
                started = true;
                out.startRun();
            }
        }

        @Override
        public void endRun(Collection<RunResult> result) {
            // held back: finish() prints the merged results once
        }

        @Override
        public void println(String s) {
            if (!s.startsWith(RUN_COMPLETE)) {
                out.println(s);
            }
        }

        @Override
        public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
            out.iteration(benchParams, params, iteration);
        }

        @Override
        public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
            out.iterationResult(benchParams, params, iteration, data);
        }

        @Override
        public void startBenchmark(BenchmarkParams benchParams) {
            out.startBenchmark(benchParams);
        }

        @Override
        public void endBenchmark(BenchmarkResult result) {
            out.endBenchmark(result);
        }

        @Override
        public void print(String s) {
            out.print(s);
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }

        @Override
        public void verbosePrintln(String s) {
            out.verbosePrintln(s);
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] b) throws IOException {
            out.write(b);
        }
    }
}
