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

/** The verdict names a winner only where the forks show it beats every other candidate, and never among a placement's part of the channels. */
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
    void rivalsTheForksCannotTellFromTheBestAreNoClearWinner() {
        List<Verdict.Answer> answers = Verdict.of(List.of(roundTrip("pipe", null, 20, 25, 30), roundTrip("uds", null, 22, 26, 29),
                roundTrip("fifo", null, 60, 61, 62)));
        Verdict.Answer p50 = answer(answers, Verdict.Question.RTT_P50, "block");
        assertThat(p50.clear()).isFalse();
        assertThat(p50.ties()).extracting(Verdict.Candidate::label).containsExactly("uds");
        assertThat(p50.text()).startsWith("no clear winner: pipe 25.0 µs").contains("uds 26.0 µs").doesNotContain("fifo");
    }

    @Test
    void forksThatTellTheBestApartNameItEvenWhereTheIntervalsOverlap() {
        ResultRow pipe = roundTrip("pipe", null, 20, 22, 24);
        ResultRow uds = roundTrip("uds", null, 26, 28, 30);
        assertThat(Latency.supported(pipe.latency(), "p50").overlaps(Latency.supported(uds.latency(), "p50"))).isTrue();
        Verdict.Answer p50 = answer(Verdict.of(List.of(pipe, uds)), Verdict.Question.RTT_P50, "block");
        assertThat(p50.clear()).isTrue();
        assertThat(p50.best().label()).isEqualTo("pipe");
    }

    @Test
    void moreRivalsAskMoreOfTheBest() {
        // 18 % behind, with the best's own 10 % scatter: enough against one rival, not when five share the error allowed
        ResultRow pipe = roundTrip("pipe", null, 20, 22, 24);
        Verdict.Answer alone = answer(Verdict.of(List.of(pipe, roundTrip("uds", null, 20 * 1.18, 22 * 1.18, 24 * 1.18))),
                Verdict.Question.RTT_P50, "block");
        assertThat(alone.clear()).isTrue();
        List<ResultRow> rows = new java.util.ArrayList<>(List.of(pipe));
        for (String rival : List.of("uds", "fifo", "tcp", "sysv-mq", "posix-mq")) {
            rows.add(roundTrip(rival, null, 20 * 1.18, 22 * 1.18, 24 * 1.18));
        }
        Verdict.Answer many = answer(Verdict.of(rows), Verdict.Question.RTT_P50, "block");
        assertThat(many.clear()).isFalse();
        assertThat(many.ties()).hasSize(5);
    }

    @Test
    void aWinnerNamedWrongIsRarerThanOneInTwenty() {
        // the hardest case for the rule: two channels 1 % apart, each fork scattered by 10 % (log-normal, as a
        // VM's forks are), 3 forks each. Naming the slower one is the error the rule bounds by ALPHA; over
        // 4,000 such runs it happens 3.5 % of the time (140 runs; a rule at twice ALPHA names it in 8.1 %, and fails here).
        java.util.Random random = new java.util.Random(24);
        int runs = 4000;
        int wrong = 0;
        int right = 0;
        for (int run = 0; run < runs; run++) {
            List<ResultRow> rows = new java.util.ArrayList<>();
            for (String name : List.of("pipe", "uds")) {
                double centre = name.equals("pipe") ? 20 : 20.2;
                rows.add(roundTrip(name, null, centre * Math.exp(0.1 * random.nextGaussian()), centre * Math.exp(0.1 * random.nextGaussian()),
                        centre * Math.exp(0.1 * random.nextGaussian())));
            }
            Verdict.Answer p50 = answer(Verdict.of(rows), Verdict.Question.RTT_P50, "block");
            if (p50.clear()) {
                if (p50.best().label().equals("pipe")) {
                    right++;
                } else {
                    wrong++;
                }
            }
        }
        assertThat((double) wrong / runs).isLessThan(Verdict.ALPHA);
        assertThat(right).as("a rule that never names anyone cannot name the wrong one").isPositive();
    }

    @Test
    void aPlacementThatDidNotSeeEveryChannelNamesNoWinner() {
        ResultRow pipe = roundTrip("pipe", null, 20, 21, 22);
        ResultRow uds = roundTrip("uds", null, 30, 31, 32);
        ResultRow fifo = roundTrip("fifo", null, 10, 11, 12);
        Verdict.Answer seen = answer(Verdict.of(List.of(pipe, uds), List.of(pipe, uds, fifo)), Verdict.Question.RTT_P50, "block");
        assertThat(seen.clear()).isFalse();
        assertThat(seen.unseen()).containsExactly("fifo");
        assertThat(seen.text()).startsWith("no clear winner (not seen in this placement: fifo): pipe 21.0 µs");
        assertThat(answer(Verdict.of(List.of(pipe, uds, fifo)), Verdict.Question.RTT_P50, "block").best().label()).isEqualTo("fifo");
    }

    @Test
    void oneForkIsNoClearWinnerAndSaysWhy() {
        List<Verdict.Answer> answers = Verdict.of(List.of(roundTrip("pipe", null, 20), roundTrip("uds", null, 90)));
        Verdict.Answer p50 = answer(answers, Verdict.Question.RTT_P50, "block");
        assertThat(p50.clear()).isFalse();
        assertThat(p50.text()).startsWith("no clear winner (1 fork: too few to tell): pipe");
    }

    @Test
    void twoForksAFarBestIsNamedWithoutAnInterval() {
        Verdict.Answer p50 = answer(Verdict.of(List.of(roundTrip("pipe", null, 20, 21), roundTrip("uds", null, 90, 91))),
                Verdict.Question.RTT_P50, "block");
        assertThat(p50.clear()).isTrue();
        assertThat(p50.text()).isEqualTo("pipe 20.5 µs");
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
