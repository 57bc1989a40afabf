package io.ipcbench.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.UnCloseablePrintStream;
import org.openjdk.jmh.util.Utils;

/**
 * Runs a {@link SweepPlan} with JMH into one {@code jmh.json}. A whole sweep is one JMH run as the
 * options give it (JMH fills the parameters from -p, the profile or the annotations). A sweep with
 * skipped combinations first names each in one line, then runs JMH once per group with that
 * group's parameters over the same options (benchmark regexp, forks, profilers, ...), and writes
 * all the results through JMH's own JSON format, in JMH's order, so the file reads as one run.
 */
final class SweepRun {
    private SweepRun() {
    }

    static Collection<RunResult> run(SweepPlan plan, Options options, Path jmhJson) throws RunnerException {
        plan.skippedLines().forEach(line -> System.err.println("ipc-bench: skipped " + line));
        if (plan.isWhole()) {
            return new Runner(new OptionsBuilder().parent(options).resultFormat(ResultFormatType.JSON).result(jmhJson.toString())
                    .build()).run();
        }
        List<RunResult> results = new ArrayList<>();
        // JMH opens -o afresh for each run, which would keep only the last group's output: all share one stream
        try (OutputStream file = options.getOutput().hasValue() ? new FileOutputStream(options.getOutput().get()) : null) {
            OutputStream output = file != null ? file : System.out;
            int part = 1;
            for (SweepPlan.Group group : plan.groups()) {
                System.out.println("ipc-bench: part " + part++ + " of " + plan.groups().size() + ": " + group.line());
                Options groupOptions = new OptionsBuilder().parent(options)
                        .param("transport", group.transports().toArray(String[]::new))
                        .param("payload", group.payloads().toArray(String[]::new))
                        .param("placement", group.placements().toArray(String[]::new))
                        .param("wait", group.waitMode())
                        .param("capacity", group.capacity())
                        .build();
                // each Runner closes its output when done: uncloseable, as JMH makes System.out for its own runs
                var format = OutputFormatFactory.createFormatInstance(new UnCloseablePrintStream(output, Utils.guessConsoleEncoding()),
                        options.verbosity().orElse(Defaults.VERBOSITY));
                results.addAll(new Runner(groupOptions, format).run());
            }
        } catch (IOException e) {
            throw new RunnerException("cannot write JMH's output to " + options.getOutput().orElse("standard output") + ": " + e, e);
        }
        results.sort(RunResult.DEFAULT_SORT_COMPARATOR);
        ResultFormatFactory.getInstance(ResultFormatType.JSON, jmhJson.toString()).writeOut(results);
        return results;
    }
}
