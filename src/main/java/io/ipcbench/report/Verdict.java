package io.ipcbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.WaitMode;
import io.ipcbench.peer.CpuCostProfiler;
import io.ipcbench.registry.TransportRegistry;

/**
 * The answer a run gives before it explains anything: for each payload, which channel had the
 * lowest round-trip p50 and p99 among those that block and among those that spin, the highest
 * streaming throughput, and the lowest CPU per message — each with its 95 % interval over forks.
 *
 * <p>A winner is named only when the forks show it beats every other candidate: Hsu's multiple
 * comparisons with the best, on the logarithms of the per-fork values. The candidates of one
 * question are measured by the same benchmark on the same machine, so their forks scatter alike
 * (on this project's VM, by the host's wake-up and placement, ~10 % a fork): their spread is pooled
 * over every candidate's forks ({@link #POOLED_DF_MIN} degrees of freedom at least), and the best
 * is clear of a rival when a one-sided t-test on the difference of their mean logs rejects "the
 * rival is no worse" at {@link #ALPHA} / (rivals) — Bonferroni's share, whose critical value is
 * never below the exact Dunnett quantile of Hsu's method, so a named winner is wrong at most one
 * time in twenty. Two 95 % intervals that must not overlap are a far stricter test (with 3 forks a
 * side, ~1.6× apart before they part): on this project's committed quick runs they named 5
 * answers in 434, while the same forks show uds ahead of every blocking channel at 64 B. Where
 * the spread cannot be pooled, or the best ran in fewer than {@link #WINNER_FORKS} forks, or some
 * channel the run asked about has no fork in this placement (the fastest channel of a placement
 * can only be named among all of them), the answer is "no clear winner" with the leaders: a
 * ranking a re-run could reverse is not an answer.
 */
public final class Verdict {
    /** How many tied candidates a "no clear winner" line names. */
    static final int NAMED_TIES = 3;
    /** The chance of naming a winner that is not the best, at most. */
    static final double ALPHA = 0.05;
    /** The fewest forks a winner is named from: one JVM is one draw of the host's placement. */
    static final int WINNER_FORKS = 2;
    /** The fewest degrees of freedom the pooled spread of the candidates' forks needs. */
    static final int POOLED_DF_MIN = 2;
    /**
     * The forks a row is given to settle an open answer ({@link #settle}): with 12 a row, two runs of the
     * eight blocking channels at 64 B agreed within 2.7 % (round trips' p50) and 4.0 % (streams) a row
     * and named the same fastest round trip (results/README.md, "How many forks an answer needs").
     */
    static final int SETTLE_FORKS = 12;

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
     * empty for questions asked of all rows) at which payload, the best candidate, those the forks
     * cannot tell from it (empty when the winner is clear), and the channels the run asked about that
     * have no fork among these rows ({@code unseen}: a placement the host used for part of the run).
     */
    public record Answer(Question question, String waiting, long payload, Candidate best, List<Candidate> ties, List<String> unseen) {
        public boolean clear() {
            return ties.isEmpty() && unseen.isEmpty() && best.figure().forks() >= WINNER_FORKS;
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
            int forks = best.figure().forks();
            String why = !unseen.isEmpty() ? " (not seen in this placement: "
                    + (unseen.size() <= NAMED_TIES - 1 ? String.join(", ", unseen) : unseen.size() + " channels") + ")"
                    : forks < WINNER_FORKS ? " (" + forks + (forks == 1 ? " fork" : " forks") + ": too few to tell)" : "";
            return "no clear winner" + why + ": " + list + (more > 0 ? " and " + more + " more" : "");
        }
    }

    /**
     * One placement's verdict in a line, for the launcher's closing lines: the winners it names, then
     * how many answers name none ("the verdict in the fast placement: 64 B lowest RTT p50 (block): uds
     * 24.4 µs; …; no clear winner in 20 answers"); empty for a placement that did not see every channel.
     */
    public static Optional<String> line(String placement, List<Answer> answers) {
        if (answers.isEmpty() || answers.stream().noneMatch(a -> a.unseen().isEmpty())) {
            return Optional.empty();
        }
        List<String> named = answers.stream().filter(Answer::clear)
                .map(a -> Formats.bytes(a.payload()) + " " + a.title() + ": " + a.best().label() + " " + a.best().brief()).toList();
        long open = answers.size() - named.size();
        List<String> parts = new ArrayList<>(named);
        if (open > 0) {
            parts.add("no clear winner in " + (named.isEmpty() ? "any of its " : "") + open + (open == 1 ? " answer" : " answers"));
        }
        String where = placement.isEmpty() ? "" : placement.startsWith("placement ") ? " in " + placement : " in the " + placement + " placement";
        return Optional.of("the verdict" + where + ": " + String.join("; ", parts));
    }

    /**
     * The command that would settle the first headline answer (lowest RTT p50, highest throughput) the forks
     * left open between channels that all ran in the placement: the tied channels' rows again, as the run
     * measured them, with {@link #SETTLE_FORKS} forks each ("to settle 64 B lowest RTT p50 (block), give its
     * tied channels more forks …: mvn jmh:run …"). An answer whose tied channels' labels name more than their
     * transport (the run varied a wait, capacity or placement, which the command would have to pick) is passed
     * over. Empty when no answer is left, or when the run already gave its rows that many forks (then the
     * channels are as close as the forks say).
     *
     * @param forksARow the most forks the run gave a row
     * @param maven the command that repeats the run's profile and idle setting ("mvn jmh:run -Djmh.profile=quick")
     * @param fixedParams the {@code -p} options the run's rows all shared beyond the defaults ("-p placement=same-core "), or ""
     */
    public static Optional<String> settle(List<Answer> answers, int forksARow, String maven, String fixedParams) {
        if (forksARow >= SETTLE_FORKS) {
            return Optional.empty();
        }
        for (Answer answer : answers) {
            boolean headline = answer.question() == Question.RTT_P50 || answer.question() == Question.THROUGHPUT;
            List<Candidate> tied = Stream.concat(Stream.of(answer.best()), answer.ties().stream()).toList();
            if (!headline || answer.clear() || answer.ties().isEmpty() || !answer.unseen().isEmpty()
                    || tied.stream().anyMatch(c -> !c.label().equals(c.transport()))) {
                continue;
            }
            Benchmarks benchmark = answer.question() == Question.RTT_P50 ? Benchmarks.ROUND_TRIP : Benchmarks.STREAM;
            return Optional.of("to settle " + Formats.bytes(answer.payload()) + " " + answer.title() + ", give its tied channels more"
                    + " forks (README, \"How far a quick run reproduces\"): " + maven + " -Djmh.args=\"-f " + SETTLE_FORKS + " " + fixedParams
                    + "-p payload=" + answer.payload() + " -p transport=" + String.join(",", tied.stream().map(Candidate::transport).toList())
                    + " " + benchmark.className() + "\"");
        }
        return Optional.empty();
    }

    /** Every answer the rows allow, payload by payload (load rows are not asked). */
    public static List<Answer> of(List<ResultRow> rows) {
        return of(rows, rows);
    }

    /**
     * Every answer {@code rows} allow, where they are one placement's part of {@code run}: an answer
     * names a winner only if every channel {@code run} asks about is among them.
     */
    public static List<Answer> of(List<ResultRow> rows, List<ResultRow> run) {
        Function<ResultRow, String> label = Charts.seriesName(run);
        Map<String, List<String>> inRun = new HashMap<>();
        asked(run, label).forEach(a -> inRun.put(a.key(), a.candidates().stream().map(Candidate::label).toList()));
        List<Answer> answers = new ArrayList<>();
        for (Asked asked : asked(rows, label)) {
            List<String> here = asked.candidates().stream().map(Candidate::label).toList();
            List<String> unseen = inRun.getOrDefault(asked.key(), List.of()).stream().filter(l -> !here.contains(l)).toList();
            Candidate best = asked.candidates().get(0);
            List<Candidate> rivals = asked.candidates().subList(1, asked.candidates().size());
            answers.add(new Answer(asked.question(), asked.waiting(), asked.payload(), best,
                    ties(best, rivals, asked.question().lowerWins), unseen));
        }
        return answers;
    }

    /** One question asked of rows: its candidates, best first. */
    private record Asked(Question question, String waiting, long payload, List<Candidate> candidates) {
        String key() {
            return question + "/" + waiting + "/" + payload;
        }
    }

    private static List<Asked> asked(List<ResultRow> rows, Function<ResultRow, String> label) {
        List<Asked> asked = new ArrayList<>();
        TreeMap<Long, List<ResultRow>> byPayload = new TreeMap<>();
        for (ResultRow row : rows) {
            if (!row.isLoad() && !row.param(Benchmarks.PAYLOAD).isEmpty()) {
                byPayload.computeIfAbsent(Long.parseLong(row.param(Benchmarks.PAYLOAD)), p -> new ArrayList<>()).add(row);
            }
        }
        byPayload.forEach((payload, atPayload) -> {
            List<ResultRow> roundTrips = atPayload.stream().filter(ResultRow::isRoundTrip).toList();
            Map<String, List<ResultRow>> byWait = new TreeMap<>(Comparator.comparing(Verdict::waitOrder));
            roundTrips.forEach(r -> byWait.computeIfAbsent(waitOf(r), w -> new ArrayList<>()).add(r));
            byWait.forEach((wait, waiting) -> {
                add(asked, Question.RTT_P50, wait, payload, waiting, r -> Latency.supported(r.latency(), "p50"), label, Formats::micros, null);
                add(asked, Question.RTT_P99, wait, payload, waiting, r -> Latency.supported(r.latency(), "p99"), label, Formats::micros, null);
            });
            List<ResultRow> streams = atPayload.stream().filter(ResultRow::isStream).toList();
            add(asked, Question.THROUGHPUT, "", payload, streams, ResultRow::estimate, label, Formats::rate,
                    rate -> Formats.megabytes(rate * payload / 1e6));
            add(asked, Question.CPU, "", payload, streams.isEmpty() ? roundTrips : streams, Verdict::cpuPerMessage, label,
                    Formats::nanos, null);
        });
        return asked;
    }

    /** Adds {@code question} asked of {@code rows}, each figure written as {@code format} [interval], {@code more}. */
    private static void add(List<Asked> asked, Question question, String wait, long payload, List<ResultRow> rows,
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
        asked.add(new Asked(question, wait, payload, List.copyOf(candidates)));
    }

    /**
     * The rivals the forks cannot tell from {@code best} (see the class comment): each rival whose
     * mean log is not shown worse than the best's by the pooled one-sided t-test at
     * {@link #ALPHA} / rivals; all of them when the spread cannot be pooled.
     */
    static List<Candidate> ties(Candidate best, List<Candidate> rivals, boolean lowerWins) {
        double sumOfSquares = 0;
        int df = 0;
        for (Candidate c : Stream.concat(Stream.of(best), rivals.stream()).toList()) {
            double[] logs = logs(c);
            if (logs.length >= 2) {
                sumOfSquares += StatUtils.variance(logs) * (logs.length - 1);
                df += logs.length - 1;
            }
        }
        if (df < POOLED_DF_MIN) {
            return rivals;
        }
        TDistribution t = new TDistribution(df);
        double spread = Math.sqrt(sumOfSquares / df);
        double[] bestLogs = logs(best);
        double level = ALPHA / rivals.size();
        List<Candidate> ties = new ArrayList<>();
        for (Candidate rival : rivals) {
            double[] rivalLogs = logs(rival);
            double worse = (StatUtils.mean(rivalLogs) - StatUtils.mean(bestLogs)) * (lowerWins ? 1 : -1);
            double se = spread * Math.sqrt(1.0 / bestLogs.length + 1.0 / rivalLogs.length);
            double p = se == 0 ? (worse > 0 ? 0 : 1) : 1 - t.cumulativeProbability(worse / se);
            if (!(p < level)) {
                ties.add(rival);
            }
        }
        return ties;
    }

    private static double[] logs(Candidate candidate) {
        return GateStatistics.LogEffect.logs(candidate.figure().values().stream().mapToDouble(Double::doubleValue).toArray());
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
