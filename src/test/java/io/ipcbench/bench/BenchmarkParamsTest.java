package io.ipcbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import io.ipcbench.core.Placement;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.registry.TransportRegistry;

/** The benchmarks' default parameters must name exactly what the suite provides. */
class BenchmarkParamsTest {
    private static String[] defaults(String field) throws NoSuchFieldException {
        return PairBenchmark.class.getField(field).getAnnotation(Param.class).value();
    }

    /**
     * The transports live in the registry alone: the benchmarks list none (the launcher passes the
     * registry's default sweep), so that JMH without the launcher refuses rather than sweep a stale list.
     */
    @Test
    void theBenchmarksListNoTransport() throws Exception {
        assertThat(defaults("transport")).isEmpty();
        assertThat(TransportRegistry.names()).as("every default is registered; the rest run on request")
                .containsAll(TransportRegistry.defaultNames());
    }

    /**
     * JMH without the launcher and without {@code -p transport=} refuses before any fork, naming the
     * parameter, rather than sweep nothing. (This Runner never forks, so JMH's lock is not needed.)
     */
    @Test
    void jmhAloneWithoutTransportsRefusesBeforeAnyFork() {
        String ignoreLock = System.setProperty("jmh.ignoreLock", "true");
        try {
            var options = new org.openjdk.jmh.runner.options.OptionsBuilder().include("RoundTripBenchmark").param("payload", "64")
                    .forks(1).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new org.openjdk.jmh.runner.Runner(options).run())
                    .isInstanceOf(org.openjdk.jmh.runner.RunnerException.class)
                    .hasMessageContaining("defines the parameter \"transport\", but no default values");
        } finally {
            if (ignoreLock == null) {
                System.clearProperty("jmh.ignoreLock");
            } else {
                System.setProperty("jmh.ignoreLock", ignoreLock);
            }
        }
    }

    /** scripts/ab enumerates its rows from a suite's benchmark list: where it lists no transport, the registry's default sweep. */
    @Test
    void abSweepsTheRegistrysDefaultsWhereTheBenchmarksListNone() throws Exception {
        java.nio.file.Path list = java.nio.file.Path.of("target", "test-classes", "META-INF", "BenchmarkList");
        var rows = io.ipcbench.ab.BenchRow.select(list,
                new org.openjdk.jmh.runner.options.CommandLineOptions("-p", "payload=64", "RoundTripBenchmark"));
        assertThat(rows).extracting(row -> row.params().get("transport")).containsExactlyElementsOf(TransportRegistry.defaultNames());
        assertThat(io.ipcbench.ab.BenchRow.select(list,
                new org.openjdk.jmh.runner.options.CommandLineOptions("-p", "payload=64", "-p", "transport=pipe,cma", "RoundTripBenchmark")))
                .extracting(row -> row.params().get("transport")).containsExactly("pipe", "cma");
    }

    /** The JDK's socket channels are measured beside the native sockets only on request, to keep the profiles' budgets. */
    @Test
    void theJdkSocketVariantsAreRegisteredButNotSweptByDefault() {
        assertThat(TransportRegistry.names()).contains("uds", "tcp", "uds-jdk", "tcp-jdk");
        assertThat(TransportRegistry.defaultNames()).contains("uds", "tcp").doesNotContain("uds-jdk", "tcp-jdk");
    }

    @Test
    void defaultPayloadsAreTheDesignSweep() throws Exception {
        assertThat(defaults("payload")).containsExactly("64", "1024", "4096", "65536", "1048576");
        assertThat(defaults("payload")).containsExactlyElementsOf(TrialSpec.DEFAULT_PAYLOADS); // BenchMain checks these before a run
        for (String payload : defaults("payload")) {
            TrialSpec.parsePayload(payload);
        }
    }

    @Test
    void defaultPlacementIsCrossCore() throws Exception {
        assertThat(defaults("placement")).containsExactly(Placement.CROSS_CORE.label());
    }
}
