package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * What scripts/ab judges a row by, on committed result sets: a round trip's RTT p50 fork by fork (from
 * its histogram logs, or from its per-iteration percentiles where a set has no logs), a stream's score,
 * and the score wherever a p50 would not be the row's figure (a round trip in throughput mode).
 */
class JudgedFigureTest {

    private static ResultRow row(ResultSet set, String benchmark, String transport, String payload) {
        return set.rows().stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.param("transport").equals(transport) && r.param("payload").equals(payload))
                .findFirst().orElseThrow();
    }

    @Test
    void aRoundTripIsJudgedByEachForksP50AndEveryOtherRowByItsScore() {
        for (String set : new String[] {"baseline", "verdict-quick/run1"}) {
            ResultSet results = ResultSet.load(Path.of("results").resolve(set));
            ResultRow roundTrip = row(results, "RoundTripBenchmark.roundTrip", "uds", "64");
            JudgedFigure p50 = JudgedFigure.of(roundTrip);
            assertThat(p50.name()).as(set).isEqualTo(JudgedFigure.RTT_P50);
            assertThat(p50.label()).isEqualTo("µs RTT p50");
            assertThat(p50.perFork()).as(set).hasSize(roundTrip.forkCount()).isEqualTo(roundTrip.latency().get("p50").value().values())
                    .isNotEqualTo(roundTrip.forkScores());

            ResultRow stream = row(results, "StreamBenchmark.stream", "uds", "64");
            JudgedFigure score = JudgedFigure.of(stream);
            assertThat(score.name()).isEqualTo(JudgedFigure.SCORE);
            assertThat(score.perFork()).isEqualTo(stream.forkScores());
            assertThat(score.label()).isEqualTo(stream.unit());

            ResultRow inThroughput = new ResultRow(roundTrip.benchmark(), "thrpt", roundTrip.params(), "ops/us", roundTrip.score(),
                    roundTrip.forks(), roundTrip.forkScores(), roundTrip.secondary(), roundTrip.latency(), roundTrip.oneWay());
            assertThat(JudgedFigure.of(inThroughput).name()).as("a rate, judged as JMH gives it").isEqualTo(JudgedFigure.SCORE);
        }
    }

    /**
     * A fork's p50 is read one way on both sides of a comparison: a row split by placement keeps its forks' own
     * histogram p50s, and a row with histogram logs against one without is compared by both rows' per-iteration
     * percentiles (the two readings of one fork differ by up to ~40 % where its iterations did).
     */
    @Test
    void bothSidesReadTheP50TheSameWay() {
        ResultRow withLogs = row(ResultSet.load(Path.of("results/baseline")), "RoundTripBenchmark.roundTrip", "uds", "64");
        ResultRow withoutLogs = row(ResultSet.load(Path.of("results/verdict-quick/run1")), "RoundTripBenchmark.roundTrip", "uds", "64");
        assertThat(withLogs.latency().source()).isEqualTo(Latency.Source.HISTOGRAMS);
        assertThat(withoutLogs.latency().source()).isEqualTo(Latency.Source.SECONDARY);

        java.util.List<Double> all = JudgedFigure.of(withLogs).perFork();
        ResultRow split = HostPlacements.restrict(withLogs, java.util.List.of(0, 2));
        assertThat(split.latency().source()).isEqualTo(Latency.Source.HISTOGRAMS);
        assertThat(JudgedFigure.of(split).perFork()).containsExactly(all.get(0), all.get(2));

        JudgedFigure[] mixed = Comparison.figures(withLogs, withoutLogs);
        assertThat(mixed[0].name()).isEqualTo(JudgedFigure.RTT_P50);
        assertThat(mixed[0].perFork()).isEqualTo(JudgedFigure.ofIterations(withLogs).perFork()).isNotEqualTo(all);
        assertThat(mixed[1].perFork()).isEqualTo(JudgedFigure.of(withoutLogs).perFork());
        assertThat(Comparison.figures(withLogs, withLogs)[0].perFork()).as("both with logs: the histograms'").isEqualTo(all);
    }
}
