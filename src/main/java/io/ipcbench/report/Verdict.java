package io.ipcbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.WaitMode;
import io.ipcbench.peer.CpuCostProfiler;
import io.ipcbench.registry.TransportRegistry;

/**
 * The answer a run gives before it explains anything: for each payload, which channel had the
 * lowest round-trip p50 and p99 among those that block and among those that spin, the highest
 * streaming throughput, and the lowest CPU per message — each with its 95 % interval over forks.
 *
 * <p>A winner is named only when its interval lies clear of every other candidate's; where
 * intervals overlap the answer is "no clear winner" with the candidates that tie, and where the
 * best has no interval (fewer than {@link ForkEstimate#MIN_FORKS} forks) it is "no clear winner"
 * too: a ranking that a re-run could reverse is not an answer.
 */
public final class Verdict {
    /** How many tied candidates a "no clear winner" line names. */
    static final int NAMED_TIES = 3;

    private Verdict() {
    }

    /** What is asked of one payload's rows. */
    public enum Question {
        RTT_P50("lowest RTT p50", true),
        RTT_P99("lowest RTT p99", true),
        THROUGHPUT("highest throughput", false),
        CPU("lowest CPU per message", true);

        private final String title;
        private final boolean lowerWins;

        Question(String title, boolean lowerWins) {
            this.title = title;
            this.lowerWins = lowerWins;
        }

        public String title() {
            return title;
        }
    }

    /** One row's figure for a question: {@code text} with its interval, {@code brief} without. */
    public record Candidate(String label, String transport, ForkEstimate figure, String text, String brief) {
    }

    /**
     * One answer: the question, for which {@code waiting} ({@code "block"}, {@code "spin"}, {@code "backoff"};
     * empty for questions asked of all rows) at which payload, the best candidate, and those whose
     * intervals overlap it (empty when the winner is clear).
     */
    public record Answer(Question question, String waiting, long payload, Candidate best, List<Candidate> ties) {
        public boolean clear() {
            return best.figure().hasInterval() && ties.isEmpty();
        }

        /** The column it belongs in: "lowest RTT p50 (block)". */
        public String title() {
            return question.title() + (waiting.isEmpty() ? "" : " (" + waiting + ")");
        }

        /** "uds 20.1 µs [19.2–21.0]" or "no clear winner: uds 20.1 µs, pipe 21.0 µs and 2 more". */
        public String text() {
            if (clear()) {
                return best.label() + " " + best.text();
            }
            List<Candidate> named = new ArrayList<>();
            named.add(best);
            named.addAll(ties.subList(0, Math.min(ties.size(), NAMED_TIES - 1)));
            String list = String.join(", ", named.stream().map(c -> c.label() + " " + c.brief()).toList());
            int more = ties.size() + 1 - named.size();
            String why = best.figure().hasInterval() ? "" : " (" + best.figure().forks() + (best.figure().forks() == 1 ? " fork" : " forks")
                    + ": too few for an interval)";
            return "no clear winner" + why + ": " + list + (more > 0 ? " and " + more + " more" : "");
        }
    }

    /** Every answer the rows allow, payload by payload (load rows are not asked). */
    public static List<Answer> of(List<ResultRow> rows) {
        List<Answer> answers = new ArrayList<>();
        TreeMap<Long, List<ResultRow>> byPayload = new TreeMap<>();
        for (ResultRow row : rows) {
            if (!row.isLoad() && !row.param(Benchmarks.PAYLOAD).isEmpty()) {
                byPayload.computeIfAbsent(Long.parseLong(row.param(Benchmarks.PAYLOAD)), p -> new ArrayList<>()).add(row);
            }
        }
        Function<ResultRow, String> label = Charts.seriesName(rows);
        byPayload.forEach((payload, atPayload) -> {
            List<ResultRow> roundTrips = atPayload.stream().filter(ResultRow::isRoundTrip).toList();
            Map<String, List<ResultRow>> byWait = new TreeMap<>(Comparator.comparing(Verdict::waitOrder));
            roundTrips.forEach(r -> byWait.computeIfAbsent(waitOf(r), w -> new ArrayList<>()).add(r));
            byWait.forEach((wait, waiting) -> {
                add(answers, Question.RTT_P50, wait, payload, waiting, r -> Latency.supported(r.latency(), "p50"), label, Formats::micros, null);
                add(answers, Question.RTT_P99, wait, payload, waiting, r -> Latency.supported(r.latency(), "p99"), label, Formats::micros, null);
            });
            List<ResultRow> streams = atPayload.stream().filter(ResultRow::isStream).toList();
            add(answers, Question.THROUGHPUT, "", payload, streams, ResultRow::estimate, label, Formats::rate,
                    rate -> Formats.megabytes(rate * payload / 1e6));
            add(answers, Question.CPU, "", payload, streams.isEmpty() ? roundTrips : streams, Verdict::cpuPerMessage, label,
                    Formats::nanos, null);
        });
        return answers;
    }

    /** Adds the answer to {@code question} among {@code rows}, each figure written as {@code format} [interval], {@code more}. */
    private static void add(List<Answer> answers, Question question, String wait, long payload, List<ResultRow> rows,
            Function<ResultRow, ForkEstimate> figure, Function<ResultRow, String> label, Function<Double, String> format,
            Function<Double, String> more) {
        List<Candidate> candidates = new ArrayList<>();
        for (ResultRow row : rows) {
            ForkEstimate estimate = figure.apply(row);
            if (estimate != null && !Double.isNaN(estimate.median())) {
                String interval = estimate.hasInterval() ? " [" + format.apply(estimate.low()) + "–" + format.apply(estimate.high()) + "]" : "";
                String also = more == null ? "" : ", " + more.apply(estimate.median());
                candidates.add(new Candidate(label.apply(row), row.param(Benchmarks.TRANSPORT), estimate,
                        format.apply(estimate.median()) + interval + also, format.apply(estimate.median())));
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        Comparator<Candidate> better = Comparator.comparingDouble(c -> c.figure().median());
        candidates.sort(question.lowerWins ? better : better.reversed());
        Candidate best = candidates.get(0);
        List<Candidate> ties = candidates.subList(1, candidates.size()).stream()
                .filter(c -> !best.figure().hasInterval() || c.figure().overlaps(best.figure()) || !c.figure().hasInterval()).toList();
        answers.add(new Answer(question, wait, payload, best, ties));
    }

    /** How the row's sides waited: its wait param where it has one, else how its transport waits by design. */
    static String waitOf(ResultRow row) {
        String wait = row.param(Benchmarks.WAIT);
        if (!wait.isEmpty() && !wait.equals(WaitMode.BY_DESIGN)) {
            return wait.startsWith("backoff") ? "backoff" : wait;
        }
        WaitMode design = TransportRegistry.waitByDesign(row.param(Benchmarks.TRANSPORT));
        return design == null ? "block" : design.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static int waitOrder(String wait) {
        return switch (wait) {
            case "block" -> 0;
            case "backoff" -> 1;
            case "spin" -> 2;
            default -> 3;
        };
    }

    /** Both processes' CPU ns per message, fork by fork; null without the CPU profiler's metrics. */
    static ForkEstimate cpuPerMessage(ResultRow row) {
        ResultRow.Metric initiator = row.secondary().get(CpuCostProfiler.INITIATOR);
        ResultRow.Metric peer = row.secondary().get(CpuCostProfiler.PEER);
        if (initiator == null || peer == null) {
            return null;
        }
        if (initiator.forks().isEmpty() || initiator.forks().size() != peer.forks().size()) {
            return ForkEstimate.of(List.of(initiator.score() + peer.score()));
        }
        List<Double> peerForks = peer.perFork();
        List<Double> initiatorForks = initiator.perFork();
        return ForkEstimate.of(java.util.stream.IntStream.range(0, initiatorForks.size())
                .mapToObj(fork -> initiatorForks.get(fork) + peerForks.get(fork)).toList());
    }
}
