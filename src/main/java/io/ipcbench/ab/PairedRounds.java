package io.ipcbench.ab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.ipcbench.core.BadInput;
import io.ipcbench.report.Comparison;
import io.ipcbench.report.GateStatistics.EarlyStop;
import io.ipcbench.report.Floors;
import io.ipcbench.report.JudgedFigure;
import io.ipcbench.report.PairedComparison;
import io.ipcbench.report.PairedComparison.PairedRow;
import io.ipcbench.report.GateStatistics.RowVerdicts;

/**
 * The measurement of scripts/ab: rounds in which every row still measuring gets one fork of the
 * baseline and one of the candidate, back to back. The rows' order is shuffled every round and a
 * coin decides which side of a pair goes first, so neither side owns the quieter minutes or the
 * warmer caches (Abedi &amp; Brecht, ICPE 2017: randomized multiple interleaved trials). A row stops
 * early once its verdict is clear ({@link EarlyStop}); a row whose forks fail twice, or in the first
 * round, stops too. After every round the pairs are classed by placement over every fork so far
 * ({@link PairedRow#classified}): a pair whose two forks ran in different placements of the host is
 * set aside, and the report counts each row's pairs per placement. Progress goes to stderr, one line a pair; pairs.json in the run folder holds every
 * pair as measured, rewritten after each round.
 */
public final class PairedRounds {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PairedRounds() {
    }

    public static List<PairedRow> run(Suite base, Suite candidate, String launcher, List<BenchRow> rows, AbOptions options,
            Path runDir, PrintStream progress) {
        Random random = new Random(options.seed());
        List<PairedRow> state = new ArrayList<>();
        for (BenchRow row : rows) {
            state.add(new PairedRow(row.shortName(), row.paramsText(), row.mode(), "", List.of(), 0, 0));
        }
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            active.add(i);
        }
        int looks = Math.max(1, options.rounds() - PairedComparison.MIN_PAIRS + 1);
        for (int round = 1; round <= options.rounds() && !active.isEmpty(); round++) {
            Collections.shuffle(active, random);
            for (int index : new ArrayList<>(active)) {
                BenchRow row = rows.get(index);
                boolean candidateFirst = random.nextBoolean();
                String where = String.format(Locale.ROOT, "row-%02d/round-%02d", index + 1, round);
                Fork.Result first = fork(candidateFirst ? candidate : base, launcher, row, options, runDir.resolve("raw")
                        .resolve(candidateFirst ? "candidate" : "baseline").resolve(where));
                Fork.Result second = first.ok() ? fork(candidateFirst ? base : candidate, launcher, row, options, runDir.resolve("raw")
                        .resolve(candidateFirst ? "baseline" : "candidate").resolve(where)) : null;
                Fork.Result b = candidateFirst ? second : first;
                Fork.Result c = candidateFirst ? first : second;
                String label = String.format(Locale.ROOT, "ipc-bench ab: round %d/%d, %s %s %s: ", round, options.rounds(),
                        row.shortName(), row.paramsText(), row.mode());
                PairedRow old = state.get(index);
                String figure = figure(old, b, c);
                if (figure == null) {
                    Fork.Result bad = !first.ok() ? first : second;
                    if (round == 1 && bad.exit() == BadInput.EXIT) {
                        throw new BadInput(bad.failure());
                    }
                    state.set(index, old.withFailure());
                    progress.println(label + (bad.ok() ? "pair lost: a fork wrote no histogram log, so no RTT p50, the figure the row's"
                            + " earlier pairs were judged by" : "a fork failed: " + bad.failure()));
                    if (round == 1 || old.failedPairs() + 1 >= 2) {
                        active.remove(Integer.valueOf(index));
                    }
                    continue;
                }
                // the cache line at each launcher's start and end; the stream each JMH fork measured right after its trial
                // only where a fork lacks it: forks that have it are classed by placement (PairedRow.classified), and two
                // forks of one placement may stream up to ~2x apart without the host having moved
                double lineFactor = Floors.Move.factor(b.floor()[0], b.floor()[1], c.floor()[0], c.floor()[1]);
                double floorFactor = b.forkStream() > 0 && c.forkStream() > 0 ? lineFactor
                        : Math.max(lineFactor, Floors.Move.factor(b.forkStream(), c.forkStream()));
                boolean byP50 = figure.equals(JudgedFigure.RTT_P50);
                double baseline = byP50 ? b.rttP50() : b.score();
                double candidateValue = byP50 ? c.rttP50() : c.score();
                String unit = JudgedFigure.label(figure, byP50 ? "µs" : b.unit());
                PairedRow.Pair pair = new PairedRow.Pair(round, candidateFirst, baseline, candidateValue, floorFactor, b.forkStream(),
                        c.forkStream(), b.forkWakeUp(), c.forkWakeUp(), null);
                state.set(index, new PairedRow(old.benchmark(), old.params(), old.mode(), unit, old.pairs(), old.failedPairs(),
                        old.stoppedAfter(), figure).with(pair));
                progress.println(label + String.format(Locale.ROOT, "baseline %.4g, candidate %.4g %s (ratio %.3f)%s", baseline,
                        candidateValue, unit, candidateValue / baseline,
                        pair.setAside() ? String.format(Locale.ROOT, "; set aside: the floor moved %.2f×", floorFactor) : ""));
            }
            List<PairedRow> classed = PairedRow.classified(state);
            state.clear();
            state.addAll(classed);
            if (options.earlyStop()) {
                for (int index : new ArrayList<>(active)) {
                    Optional<Comparison.Verdict> clear = EarlyStop.clear(state.get(index).effect(), options.minEffect(),
                            RowVerdicts.ALPHA, rows.size(), looks, PairedComparison.MIN_PAIRS);
                    if (clear.isPresent()) {
                        state.set(index, state.get(index).stoppedAfter(round));
                        active.remove(Integer.valueOf(index));
                        progress.println("ipc-bench ab: " + rows.get(index).shortName() + " " + rows.get(index).paramsText()
                                + " stops after round " + round + ": clearly " + clear.get().label());
                    }
                }
            }
            writePairs(state, runDir.resolve("pairs.json"));
        }
        progress.println("ipc-bench ab: placements over every fork: " + placementsSummary(state));
        return List.copyOf(state);
    }

    /** The placements of every fork of the run and the pairs each gave, e.g. "2 placements: fast 40 forks, slow 8 forks; pairs: fast 20, slow 3, 1 mixed (set aside)". */
    private static String placementsSummary(List<PairedRow> rows) {
        Map<String, Integer> pairs = new LinkedHashMap<>();
        rows.forEach(row -> row.pairs().forEach(p -> pairs.merge(p.placement() == null ? "unclassed" : p.placement(), 1, Integer::sum)));
        return io.ipcbench.report.HostPlacements.summaryOf(io.ipcbench.report.HostPlacements.classify(PairedRow.forkFloors(rows))) + "; pairs: "
                + pairs.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))
                + (pairs.containsKey(PairedRow.Pair.MIXED) ? " (mixed pairs are set aside)" : "");
    }

    /**
     * The figure a pair of forks that both succeeded is judged by, or null when it cannot be: a row's first pair
     * fixes it (the RTT p50 where both forks have one, so where both versions record every round trip; else the
     * score), and a later pair one of whose forks lacks the p50 of a row judged by it is lost like a failed fork.
     * Null too when a fork failed.
     */
    private static String figure(PairedRow row, Fork.Result b, Fork.Result c) {
        if (b == null || c == null || !b.ok() || !c.ok()) {
            return null;
        }
        boolean bothP50 = b.rttP50() > 0 && c.rttP50() > 0;
        if (row.pairs().isEmpty()) {
            return bothP50 ? JudgedFigure.RTT_P50 : JudgedFigure.SCORE;
        }
        return row.figure().equals(JudgedFigure.SCORE) || bothP50 ? row.figure() : null;
    }

    private static Fork.Result fork(Suite suite, String launcher, BenchRow row, AbOptions options, Path resultsDir) {
        return Fork.run(suite, launcher, row, options.profile(), options.jmhArgs(), resultsDir);
    }

    private static void writePairs(List<PairedRow> rows, Path file) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PairedRow row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("benchmark", row.benchmark());
            entry.put("params", row.params());
            entry.put("mode", row.mode());
            entry.put("figure", row.figure());
            entry.put("unit", row.unit());
            entry.put("failedPairs", row.failedPairs());
            entry.put("stoppedAfterRound", row.stoppedAfter());
            entry.put("pairs", row.pairs());
            out.add(entry);
        }
        try {
            JSON.writeValue(file.toFile(), out);
        } catch (IOException e) {
            System.err.println("ipc-bench ab: warning: cannot write " + file + ": " + e.getMessage());
        }
    }
}
