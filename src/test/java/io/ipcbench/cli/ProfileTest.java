package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import io.ipcbench.registry.TrialSpec;
import io.ipcbench.registry.TransportRegistry;

/**
 * The profiles' settings, that the command line beats them, that quick and load fit their budgets by
 * arithmetic, and that only a regexp or the load profile brings LoadBenchmark into a run.
 */
class ProfileTest {
    private static Options apply(BenchMain.Profile profile, String... commandLine) throws Exception {
        CommandLineOptions given = new CommandLineOptions(commandLine);
        var builder = new OptionsBuilder().parent(given);
        profile.apply(given, builder);
        return builder.build();
    }

    @Test
    void quickRunsThreeShortForksAtTwoPayloads() throws Exception {
        Options options = apply(BenchMain.Profile.QUICK);
        assertThat(options.getForkCount().get()).isEqualTo(3);
        assertThat(options.getWarmupIterations().get()).isEqualTo(1);
        assertThat(options.getMeasurementIterations().get()).as("the steady-state test needs 3 per fork").isEqualTo(3);
        assertThat(options.getParameter("payload").get()).containsExactly("64", "65536");
        assertThat(BenchMain.Profile.QUICK.payloads()).as("the payloads checked before the run are those it runs")
                .containsExactlyElementsOf(options.getParameter("payload").get());
    }

    /**
     * ≤ 5 min of JMH for every default transport × 2 payloads × 2 benchmarks, each fork costing at most 1 s of
     * JVM and peer start and JMH's bookkeeping on top of its iterations (the budget the profile's
     * comment works out; 0.92 s was measured). The trials are counted from the registry's default sweep.
     */
    @Test
    void quickFitsFiveMinutes() throws Exception {
        RunEstimate estimate = BenchMain.Profile.QUICK.defaultSweepEstimate();
        assertThat(estimate.trials()).as("every default transport × 2 payloads × 2 benchmarks")
                .isEqualTo(TransportRegistry.defaultNames().size() * 2 * 2);
        assertThat(estimate.forks()).isEqualTo(3);
        assertThat(estimate.seconds()).isEqualTo(estimate.trials() * 3 * (1.0 + 0.2 + 3 * 0.2), org.assertj.core.data.Offset.offset(1e-6))
                .isLessThanOrEqualTo(BenchMain.Profile.QUICK.budgetSeconds()).isLessThanOrEqualTo(300);
        assertThat(BenchMain.overBudget(BenchMain.Profile.QUICK)).isEmpty();
    }

    /**
     * ≤ 30 min of JMH for {@code mvn jmh:run}: the benchmarks' own forks and iterations over every
     * default transport × payload × placement, each fork costing at most 1 s of JVM and peer start
     * on top of its iterations.
     */
    @Test
    void fullFitsThirtyMinutes() throws Exception {
        RunEstimate estimate = BenchMain.Profile.FULL.defaultSweepEstimate();
        assertThat(estimate.trials()).as("every default transport × 5 payloads × 2 benchmarks")
                .isEqualTo(TransportRegistry.defaultNames().size() * TrialSpec.DEFAULT_PAYLOADS.size() * 2);
        assertThat(estimate.seconds()).isLessThanOrEqualTo(BenchMain.Profile.FULL.budgetSeconds()).isLessThanOrEqualTo(30 * 60);
        assertThat(BenchMain.overBudget(BenchMain.Profile.FULL)).isEmpty();
    }

    /** The launcher's opening line: the trials and forks counted, and the time they take at least. */
    @Test
    void theEstimateSaysTrialsForksAndTime() {
        RunEstimate estimate = BenchMain.Profile.LOAD.defaultSweepEstimate();
        assertThat(estimate.line()).startsWith(estimate.trials() + " trials × 1 forks: ")
                .endsWith(" of JMH by the budget arithmetic (1 s a fork beside its iterations)");
        assertThat(estimate.trials()).as("every default transport × 7 rates").isEqualTo(TransportRegistry.defaultNames().size() * 7);
    }

    @Test
    void optionsOnTheCommandLineWin() throws Exception {
        Options options = apply(BenchMain.Profile.QUICK, "-f", "1", "-i", "5", "-r", "2s", "-p", "payload=1024");
        assertThat(options.getForkCount().get()).isEqualTo(1);
        assertThat(options.getMeasurementIterations().get()).isEqualTo(5);
        assertThat(options.getMeasurementTime().get().convertTo(TimeUnit.MILLISECONDS)).isEqualTo(2000);
        assertThat(options.getParameter("payload").get()).containsExactly("1024");
        assertThat(options.getWarmupIterations().get()).as("what was not given still comes from the profile").isEqualTo(1);
    }

    @Test
    void fullLeavesEverythingToTheAnnotations() throws Exception {
        Options options = apply(BenchMain.Profile.FULL);
        assertThat(options.getForkCount().hasValue()).isFalse();
        assertThat(options.getMeasurementIterations().hasValue()).isFalse();
        assertThat(options.getParameter("payload").hasValue()).isFalse();
        assertThat(BenchMain.Profile.FULL.payloads()).as("the annotations' sweep").isEqualTo(TrialSpec.DEFAULT_PAYLOADS);
    }

    @Test
    void loadRunsOneForkOfTheRateSweepAt64Bytes() throws Exception {
        Options options = apply(BenchMain.Profile.LOAD);
        assertThat(options.getForkCount().get()).isEqualTo(1);
        assertThat(options.getMeasurementIterations().get()).isEqualTo(2);
        assertThat(options.getParameter("payload").get()).containsExactly("64");
        assertThat(options.getIncludes()).as("LoadBenchmark alone").singleElement()
                .satisfies(regexp -> assertThat(selected(options)).containsExactly("io.ipcbench.bench.LoadBenchmark.load"));
        assertThat(apply(BenchMain.Profile.LOAD, "RoundTripBenchmark").getIncludes()).as("a regexp given wins")
                .containsExactly("RoundTripBenchmark");
    }

    /**
     * ≤ 5 min of JMH for every transport of the default sweep × the benchmark's 7 rates at one payload, each fork
     * costing at most 1 s of JVM and peer start and JMH's bookkeeping on top of its iterations.
     */
    @Test
    void loadFitsFiveMinutes() throws Exception {
        RunEstimate estimate = BenchMain.Profile.LOAD.defaultSweepEstimate();
        assertThat(estimate.trials()).isEqualTo(TransportRegistry.defaultNames().size() * 7);
        assertThat(estimate.seconds()).isEqualTo(estimate.trials() * (1.0 + 0.5 + 2 * 1.0), org.assertj.core.data.Offset.offset(1e-6))
                .isLessThanOrEqualTo(BenchMain.Profile.LOAD.budgetSeconds()).isLessThanOrEqualTo(300);
        assertThat(BenchMain.overBudget(BenchMain.Profile.LOAD)).isEmpty();
    }

    /** The default and quick runs keep their budgets: LoadBenchmark runs only when a regexp or the load profile asks. */
    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "FULL  |                          | io.ipcbench.bench.RoundTripBenchmark.roundTrip io.ipcbench.bench.StreamBenchmark.stream",
        "QUICK |                          | io.ipcbench.bench.RoundTripBenchmark.roundTrip io.ipcbench.bench.StreamBenchmark.stream",
        "FULL  | Benchmark                | io.ipcbench.bench.LoadBenchmark.load io.ipcbench.bench.RoundTripBenchmark.roundTrip io.ipcbench.bench.StreamBenchmark.stream",
        "FULL  | RoundTrip                | io.ipcbench.bench.RoundTripBenchmark.roundTrip",
        "QUICK | LoadBenchmark            | io.ipcbench.bench.LoadBenchmark.load",
        "LOAD  |                          | io.ipcbench.bench.LoadBenchmark.load",
    })
    void loadRunsOnlyWhenAskedFor(BenchMain.Profile profile, String regexp, String expected) throws Exception {
        String[] commandLine = regexp == null ? new String[0] : new String[] {regexp};
        CommandLineOptions given = new CommandLineOptions(commandLine);
        var builder = new OptionsBuilder().parent(given);
        profile.apply(given, builder);
        BenchMain.excludeUnrequested(given, profile, builder);
        assertThat(selected(builder.build())).containsExactly(expected.split(" "));
    }

    /** What JMH would run with these options, from the compiled benchmark list. */
    private static java.util.List<String> selected(Options options) {
        return entries(options).stream().map(BenchmarkListEntry::getUsername).distinct().sorted().toList();
    }

    private static java.util.Set<BenchmarkListEntry> entries(Options options) {
        java.util.List<String> includes = options.getIncludes().isEmpty() ? java.util.List.of(".*") : options.getIncludes();
        return org.openjdk.jmh.runner.BenchmarkList.defaultList()
                .find(org.openjdk.jmh.runner.format.OutputFormatFactory.createFormatInstance(System.out,
                        org.openjdk.jmh.runner.options.VerboseMode.SILENT), includes, options.getExcludes());
    }
}
