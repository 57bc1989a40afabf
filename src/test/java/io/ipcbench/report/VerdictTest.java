package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.ipcbench.core.Family;
import io.ipcbench.peer.CpuCostProfiler;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.report.Formats.Palette;

/** The verdict names a winner only where its interval is clear of every other candidate's. */
class VerdictTest {
    @Test
    void aWinnerWhoseIntervalIsClearIsNamedWithIt() {
        List<Verdict.Answer> answers = Verdict.of(List.of(roundTrip("pipe", null, 20, 21, 22), roundTrip("uds", null, 30, 31, 32)));
        Verdict.Answer p50 = answer(answers, Verdict.Question.RTT_P50, "block");
        assertThat(p50.clear()).isTrue();
        assertThat(p50.best().label()).isEqualTo("pipe");
        assertThat(p50.text()).startsWith("pipe 21.0 µs [").endsWith("]");
        assertThat(p50.payload()).isEqualTo(64);
    }

    @Test
    void overlappingIntervalsAreNoClearWinner() {
        List<Verdict.Answer> answers = Verdict.of(List.of(roundTrip("pipe", null, 20, 25, 30), roundTrip("uds", null, 22, 26, 29),
                roundTrip("fifo", null, 60, 61, 62)));
        Verdict.Answer p50 = answer(answers, Verdict.Question.RTT_P50, "block");
        assertThat(p50.clear()).isFalse();
        assertThat(p50.ties()).extracting(Verdict.Candidate::label).containsExactly("uds");
        assertThat(p50.text()).startsWith("no clear winner: pipe 25.0 µs").contains("uds 26.0 µs").doesNotContain("fifo");
    }

    @Test
    void tooFewForksForAnIntervalIsNoClearWinnerAndSaysWhy() {
        List<Verdict.Answer> answers = Verdict.of(List.of(roundTrip("pipe", null, 20, 21), roundTrip("uds", null, 90, 91)));
        Verdict.Answer p50 = answer(answers, Verdict.Question.RTT_P50, "block");
        assertThat(p50.clear()).isFalse();
        assertThat(p50.text()).startsWith("no clear winner (2 forks: too few for an interval): pipe");
    }

    @Test
    void blockingAndSpinningRoundTripsAreJudgedApart() {
        List<Verdict.Answer> answers = Verdict.of(List.of(roundTrip("pipe", null, 20, 21, 22), roundTrip("shm-spin", null, 0.2, 0.21, 0.22),
                roundTrip("pipe", "spin", 5, 5.1, 5.2)));
        assertThat(answer(answers, Verdict.Question.RTT_P50, "block").best().label()).isEqualTo("pipe");
        Verdict.Answer spin = answer(answers, Verdict.Question.RTT_P50, "spin");
        assertThat(spin.best().label()).isEqualTo("shm-spin");
        assertThat(spin.clear()).isTrue();
        assertThat(spin.title()).isEqualTo("lowest RTT p50 (spin)");
    }

    @Test
    void throughputIsTheHighestAndCpuTheLowest() {
        List<Verdict.Answer> answers = Verdict.of(List.of(stream("pipe", 1e5, 1.1e5, 1.2e5, 900), stream("shm-spin", 3e7, 3.1e7, 3.2e7, 150)));
        Verdict.Answer throughput = answer(answers, Verdict.Question.THROUGHPUT, "");
        assertThat(throughput.best().label()).isEqualTo("shm-spin");
        assertThat(throughput.text()).startsWith("shm-spin 31.0 M msg/s [").endsWith("], 1,984 MB/s");
        assertThat(answer(answers, Verdict.Question.CPU, "").best().label()).isEqualTo("shm-spin");
    }

    @Test
    void everyRegisteredTransportHasAFamily() {
        for (String name : TransportRegistry.names()) {
            assertThat(TransportRegistry.family(name)).as(name).isNotNull();
        }
        assertThat(TransportRegistry.family("pipe")).isEqualTo(Family.BYTE_STREAM);
        assertThat(TransportRegistry.family("posix-mq")).isEqualTo(Family.MESSAGE_QUEUE);
        assertThat(TransportRegistry.family("shm-sem")).isEqualTo(Family.SHARED_MEMORY);
        assertThat(TransportRegistry.family("agrona-ring")).isEqualTo(Family.LIBRARY);
        assertThat(Palette.css("pipe")).isNotEqualTo(Palette.css("chronicle-queue"));
        assertThat(TransportRegistry.names().stream().map(Palette::css).distinct().count()).isEqualTo(TransportRegistry.names().size());
    }

    private static Verdict.Answer answer(List<Verdict.Answer> answers, Verdict.Question question, String wait) {
        return answers.stream().filter(a -> a.question() == question && a.waiting().equals(wait)).findFirst().orElseThrow();
    }

    /** A 64 B round trip whose forks' p50 (and p99, twice it) are {@code p50s} µs. */
    static ResultRow roundTrip(String transport, String wait, double... p50s) {
        List<Double> values = java.util.Arrays.stream(p50s).boxed().toList();
        List<Double> p99s = values.stream().map(v -> 2 * v).toList();
        Latency latency = new Latency(Latency.Source.HISTOGRAMS, 100_000, List.of(
                new Latency.Percentile("p50", 0.5, ForkEstimate.of(values), 100_000),
                new Latency.Percentile("p99", 0.01, ForkEstimate.of(p99s), 100_000)));
        return new ResultRow("RoundTripBenchmark.roundTrip", "avgt", params(transport, wait), "us/op", values.get(0),
                values.stream().map(List::of).toList(), values, Map.of(), latency, null);
    }

    /** A 64 B stream whose forks move {@code rates} messages/s, each at {@code cpu} ns a message on both sides together. */
    static ResultRow stream(String transport, double rate1, double rate2, double rate3, double cpu) {
        List<Double> rates = List.of(rate1, rate2, rate3);
        List<List<Double>> halves = List.of(List.of(cpu / 2), List.of(cpu / 2), List.of(cpu / 2));
        Map<String, ResultRow.Metric> secondary = Map.of(
                "bytes", new ResultRow.Metric(rate2 * 64, "ops/s", rates.stream().map(r -> List.of(r * 64)).toList()),
                CpuCostProfiler.INITIATOR, new ResultRow.Metric(cpu / 2, "ns/msg", halves),
                CpuCostProfiler.PEER, new ResultRow.Metric(cpu / 2, "ns/msg", halves));
        return new ResultRow("StreamBenchmark.stream", "thrpt", params(transport, null), "ops/s", rate2,
                rates.stream().map(List::of).toList(), rates, secondary, null, null);
    }

    private static TreeMap<String, String> params(String transport, String wait) {
        TreeMap<String, String> params = new TreeMap<>(Map.of("transport", transport, "payload", "64", "placement", "cross-core"));
        if (wait != null) {
            params.put("wait", wait);
        }
        return params;
    }
}
