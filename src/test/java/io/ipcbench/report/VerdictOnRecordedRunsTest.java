package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The verdict on recorded quick runs of the same code (results/): runs made minutes apart may name a
 * winner where the other names none, but never two different winners for one question of one
 * placement; and where the forks are plain, as uds's lead among the blocking channels at 64 B is in
 * both of idle-poll's as-booted runs, both name it.
 */
class VerdictOnRecordedRunsTest {
    /** Runs of one commit on one boot of the guest, back to back (results/README.md tells each set's story). */
    private static final List<List<String>> SAME_CODE = List.of(
            List.of("aa-quick/run1", "aa-quick/run2", "aa-quick/run3"),
            List.of("aa-quick-2/run1", "aa-quick-2/run2", "aa-quick-2/run3"),
            List.of("back-to-back-quick/run1", "back-to-back-quick/run2"),
            List.of("back-to-back-quick/run3", "back-to-back-quick/run4"),
            List.of("back-to-back-quick/run5", "back-to-back-quick/run6"),
            List.of("back-to-back-quick/held1", "back-to-back-quick/held2"),
            List.of("idle-poll/q1-as-booted", "idle-poll/q3-as-booted"),
            List.of("idle-poll/q2-poll", "idle-poll/q4-poll"),
            List.of("verdict-quick/run1", "verdict-quick/run2"));

    @Test
    void runsOfTheSameCodeNeverNameTwoDifferentWinners() {
        int named = 0;
        for (List<String> group : SAME_CODE) {
            Map<String, String> winners = new HashMap<>();
            for (String set : group) {
                for (Map.Entry<String, String> winner : winners(set).entrySet()) {
                    named++;
                    String earlier = winners.putIfAbsent(winner.getKey(), winner.getValue());
                    assertThat(earlier == null ? winner.getValue() : earlier).as(set + ": " + winner.getKey()).isEqualTo(winner.getValue());
                }
            }
        }
        assertThat(named).as("winners named over all the sets").isPositive();
    }

    @Test
    void bothAsBootedRunsOfIdlePollNameUdsTheFastestBlockingChannelAt64Bytes() {
        for (String set : List.of("idle-poll/q1-as-booted", "idle-poll/q3-as-booted")) {
            assertThat(winners(set)).as(set).containsEntry("fast 64 B lowest RTT p50 (block)", "uds");
        }
    }

    @Test
    void theLaunchersClosingLineNamesEachPlacementsWinnersAndCountsTheRest() {
        Map<String, List<Verdict.Answer>> verdicts = HtmlReport.verdicts(ResultSet.load(Path.of("results", "verdict-quick", "run2")));
        assertThat(Verdict.line("fast", verdicts.get("fast")).orElseThrow()).isEqualTo("the verdict in the fast placement:"
                + " 64 B lowest RTT p50 (block): uds 24.5 µs; 64 B highest throughput: shm-spin 29.7 M msg/s;"
                + " 64 KiB lowest RTT p50 (block): uds 32.7 µs; 64 KiB lowest RTT p50 (spin): shm-spin 6.56 µs; no clear winner in 8 answers");
        assertThat(Verdict.line("slow", verdicts.get("slow")).orElseThrow()).isEqualTo("the verdict in the slow placement:"
                + " no clear winner in any of its 12 answers");
        Map<String, List<Verdict.Answer>> q3 = HtmlReport.verdicts(ResultSet.load(Path.of("results", "idle-poll", "q3-as-booted")));
        assertThat(Verdict.line("slow", q3.get("slow"))).as("a placement that did not see every channel has no line").isEmpty();
        assertThat(Verdict.line("placement 4", q3.get("fast")).orElseThrow()).startsWith("the verdict in placement 4: 64 B lowest RTT p50");
    }

    /**
     * An answer the forks left open comes with the command that settles it: its tied channels' rows with
     * 12 forks; a run that already gave its rows 12 has none to give.
     */
    @Test
    void anOpenAnswerComesWithTheCommandThatSettlesIt() {
        Map<String, List<Verdict.Answer>> run1 = HtmlReport.verdicts(ResultSet.load(Path.of("results", "verdict-quick", "run1")));
        Verdict.Answer open = run1.get("fast").get(0);
        assertThat(open.title()).isEqualTo("lowest RTT p50 (block)");
        assertThat(open.clear()).isFalse();
        List<String> tied = java.util.stream.Stream.concat(java.util.stream.Stream.of(open.best()), open.ties().stream())
                .map(Verdict.Candidate::transport).toList();
        assertThat(tied).startsWith("uds").hasSizeGreaterThan(1);
        String quick = "mvn jmh:run -Djmh.profile=quick";
        assertThat(Verdict.settle(run1.get("fast"), 3, quick, "")).contains("to settle 64 B lowest RTT p50 (block), give its tied channels"
                + " more forks (README, \"How far a quick run reproduces\"): mvn jmh:run -Djmh.profile=quick -Djmh.args=\"-f 12 -p payload=64"
                + " -p transport=" + String.join(",", tied) + " RoundTripBenchmark\"");
        // the run's own profile, idle setting and shared axes, repeated
        assertThat(Verdict.settle(run1.get("fast"), 3, "mvn jmh:run -Djmh.idle=poll", "-p placement=same-core ").orElseThrow())
                .contains(": mvn jmh:run -Djmh.idle=poll -Djmh.args=\"-f 12 -p placement=same-core -p payload=64 -p transport=uds,");
        assertThat(Verdict.settle(run1.get("fast"), 12, quick, "")).as("12 forks a row already").isEmpty();
        // a stream run with 12 forks a row leaves its throughput open: nothing more to give
        Map<String, List<Verdict.Answer>> streams = HtmlReport.verdicts(ResultSet.load(Path.of("results", "many-forks", "stream-a")));
        assertThat(streams.get("fast")).anySatisfy(a -> assertThat(a.clear()).isFalse());
        assertThat(Verdict.settle(streams.get("fast"), 12, quick, "")).isEmpty();
        // every headline answer clear: nothing to settle
        Map<String, List<Verdict.Answer>> roundTrips = HtmlReport.verdicts(ResultSet.load(Path.of("results", "many-forks", "rtt-a")));
        assertThat(Verdict.settle(roundTrips.get("fast"), 3, quick, "")).isEmpty();
    }

    /** "placement payload question" → the channel named, for every answer of the set that names one. */
    private static Map<String, String> winners(String set) {
        ResultSet results = ResultSet.load(Path.of("results").resolve(set));
        Map<String, String> winners = new HashMap<>();
        HtmlReport.verdicts(results).forEach((placement, answers) -> {
            answers.stream().filter(Verdict.Answer::clear)
                    .forEach(a -> winners.put(placement + " " + Formats.bytes(a.payload()) + " " + a.title(), a.best().label()));
        });
        return winners;
    }
}
