package io.ipcbench.cli;

import java.math.BigDecimal;
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
 * holds every profile to its budget by it; the launcher prints it before a run. It is a budget, not a
 * forecast: since the forks start from a class-data archive they take less than its second beside their
 * iterations (0.7–0.85 s on the 2-vCPU guest, 2026-12-08: the quick profile 3:41–3:58 of JMH against
 * 4:19 by this arithmetic, the load profile 4:35 against 4:54), so it holds a budget with room to spare.
 */
record RunEstimate(int trials, int forks, double seconds) {
    /** JVM and peer start, JMH's bookkeeping and the fork's floor probe, per fork: what the budget allows (measured 0.7–0.85 s, 2026-12-08). */
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

    /** "48 trials × 3 forks: 4 min 19 s of JMH by the budget arithmetic (1 s a fork beside its iterations)", for the launcher's opening line. */
    String line() {
        long whole = Math.round(seconds);
        String time = whole >= 60 ? whole / 60 + " min " + whole % 60 + " s" : whole + " s";
        return trials + " trials × " + forks + " forks: " + time + " of JMH by the budget arithmetic ("
                + BigDecimal.valueOf(START_SECONDS).stripTrailingZeros().toPlainString() + " s a fork beside its iterations)";
    }
}
