package io.ipcbench.cli;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import io.ipcbench.core.Benchmarks;

/**
 * The budget arithmetic (docs/measurement.md, "Profiles and budgets"): a run costs its trials ×
 * forks × (about a second of JVM and peer start + its iterations). The trials are those of the
 * {@link SweepPlan} — whose transports, when {@code -p transport=} is not given, are the registry's
 * default sweep — times the values of each benchmark's other params (the load benchmark's rates), so
 * a transport registered in the default sweep is counted here with no other edit. {@code ProfileTest}
 * holds every profile to its budget by it; the launcher prints it before a run. It is a floor, not a
 * forecast: measured runs took longer (the quick profile 4:51–4:57 against ~4.3 by this arithmetic).
 */
record RunEstimate(int trials, int forks, double seconds) {
    /** JVM and peer start, JMH's bookkeeping and the fork's floor probe, per fork (measured ~1.2 s in a quick fork, 2026-12-07: a floor, not a forecast). */
    static final double START_SECONDS = 1.0;

    /** The benchmarks these options select from the compiled list, and the plan's trials of each. */
    static RunEstimate of(Options options, SweepPlan plan) {
        List<String> includes = options.getIncludes().isEmpty() ? List.of(".*") : options.getIncludes();
        Set<BenchmarkListEntry> entries = BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), includes, options.getExcludes());
        int trials = 0;
        int mostForks = 0;
        double seconds = 0;
        for (BenchmarkListEntry entry : entries) {
            int entryTrials = plan.trials() * otherParamValues(options, entry.getParams().orElse(Map.of()));
            int forks = Math.max(1, options.getForkCount().orElse(entry.getForks().orElse(Defaults.MEASUREMENT_FORKS)));
            double perFork = START_SECONDS
                    + options.getWarmupIterations().orElse(entry.getWarmupIterations().orElse(Defaults.WARMUP_ITERATIONS))
                            * seconds(options.getWarmupTime().orElse(entry.getWarmupTime().orElse(Defaults.WARMUP_TIME)))
                    + options.getMeasurementIterations().orElse(entry.getMeasurementIterations().orElse(Defaults.MEASUREMENT_ITERATIONS))
                            * seconds(options.getMeasurementTime().orElse(entry.getMeasurementTime().orElse(Defaults.MEASUREMENT_TIME)));
            trials += entryTrials;
            mostForks = Math.max(mostForks, forks);
            seconds += entryTrials * forks * perFork;
        }
        return new RunEstimate(trials, mostForks, seconds);
    }

    /** The combinations of a benchmark's params that the plan does not hold (the load benchmark's rate and direction). */
    private static int otherParamValues(Options options, Map<String, String[]> params) {
        int product = 1;
        for (Map.Entry<String, String[]> param : params.entrySet()) {
            if (!Benchmarks.PAIR_PARAMS.contains(param.getKey())) {
                Collection<String> values = options.getParameter(param.getKey()).orElse(List.of(param.getValue()));
                product *= Math.max(1, values.size());
            }
        }
        return product;
    }

    private static double seconds(TimeValue time) {
        return time.convertTo(TimeUnit.MILLISECONDS) / 1000.0;
    }

    /** "48 trials × 3 forks: at least 4 min 34 s of JMH by the budget arithmetic", for the launcher's opening line. */
    String line() {
        long whole = Math.round(seconds);
        String time = whole >= 60 ? whole / 60 + " min " + whole % 60 + " s" : whole + " s";
        return trials + " trials × " + forks + " forks: at least " + time + " of JMH by the budget arithmetic";
    }
}
