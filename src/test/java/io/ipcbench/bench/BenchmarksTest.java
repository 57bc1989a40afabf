package io.ipcbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.PeerMode;

/**
 * {@link Benchmarks}, the table through which the reports know the benchmarks, says what the
 * benchmarks in src/jmh are: JMH's own list of them (what {@code mvn jmh:run} would run) has exactly
 * its names, modes and params, and each class's peer does what the table says.
 */
class BenchmarksTest {
    private static Set<BenchmarkListEntry> compiled() {
        return BenchmarkList.defaultList().getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of());
    }

    @Test
    void theTableNamesEveryBenchmarkWithItsMode() {
        Map<String, String> table = new TreeMap<>();
        for (Benchmarks benchmark : Benchmarks.values()) {
            table.put(benchmark.fullName(), benchmark.mode());
        }
        Map<String, String> jmh = new TreeMap<>();
        for (BenchmarkListEntry entry : compiled()) {
            jmh.put(entry.getUsername(), entry.getMode().shortLabel());
        }
        assertThat(jmh).isEqualTo(table);
    }

    @Test
    void theTableNamesEveryParam() {
        for (BenchmarkListEntry entry : compiled()) {
            Benchmarks benchmark = java.util.Arrays.stream(Benchmarks.values()).filter(b -> b.is(entry.getUsername())).findFirst()
                    .orElseThrow();
            Set<String> params = new TreeSet<>(entry.getParams().get().keySet());
            assertThat(params).as(entry.getUsername()).isEqualTo(new TreeSet<>(benchmark.params()));
            assertThat(Benchmarks.PARAMS).as("every param is in the histogram logs' list").containsAll(params);
        }
    }

    @Test
    void onlyTheLoadSweepRunsOnRequestAlone() {
        assertThat(java.util.Arrays.stream(Benchmarks.values()).filter(Benchmarks::onRequestOnly)).containsExactly(Benchmarks.LOAD);
        assertThat(Benchmarks.PACKAGE).isEqualTo(PairBenchmark.class.getPackageName());
        String load = Benchmarks.LOAD.fullName();
        assertThat(Benchmarks.selectedExplicitly(List.of(), load)).as("no regexp").isFalse();
        assertThat(Benchmarks.selectedExplicitly(List.of("RoundTrip"), load)).isFalse();
        assertThat(Benchmarks.selectedExplicitly(List.of("RoundTrip", "LoadBenchmark"), load)).isTrue();
        assertThat(Benchmarks.selectedExplicitly(List.of("Load"), load)).isTrue();
    }

    @Test
    void theModeLabelsAreJmhs() {
        assertThat(Benchmarks.AVERAGE_TIME).isEqualTo(Mode.AverageTime.shortLabel());
        assertThat(Benchmarks.THROUGHPUT).isEqualTo(Mode.Throughput.shortLabel());
        assertThat(Benchmarks.SAMPLE_TIME).isEqualTo(Mode.SampleTime.shortLabel());
    }

    @Test
    void eachBenchmarksPeerDoesWhatTheTableSays() throws Exception {
        for (Benchmarks benchmark : Benchmarks.values()) {
            Class<?> type = Class.forName(PairBenchmark.class.getPackageName() + "." + benchmark.className());
            PairBenchmark instance = (PairBenchmark) type.getDeclaredConstructor().newInstance();
            assertThat(instance.peerMode()).as(benchmark.shortName()).isEqualTo(benchmark.peerMode());
        }
        LoadBenchmark oneWay = new LoadBenchmark();
        oneWay.direction = "oneway";
        assertThat(oneWay.peerMode()).as("a one-way load's peer only receives").isEqualTo(PeerMode.SINK);
    }

    @Test
    void aNameIsRecognisedShortOrWithItsPackage() {
        assertThat(Benchmarks.ROUND_TRIP.is("RoundTripBenchmark.roundTrip")).isTrue();
        assertThat(Benchmarks.ROUND_TRIP.is("io.ipcbench.bench.RoundTripBenchmark.roundTrip")).isTrue();
        assertThat(Benchmarks.ROUND_TRIP.is("StreamBenchmark.stream")).isFalse();
        assertThat(Benchmarks.STREAM.is("io.ipcbench.bench.StreamBenchmark.stream")).isTrue();
        assertThat(Benchmarks.STREAM.is("XStreamBenchmark.stream")).isFalse();
        assertThat(Benchmarks.LOAD.is("io.ipcbench.bench.LoadBenchmark.load")).isTrue();
    }
}
