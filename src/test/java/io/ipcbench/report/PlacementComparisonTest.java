package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ipcbench.floor.ForkFloorProfiler;
import io.ipcbench.report.ComparisonPage.ComparisonMarkdown;
import io.ipcbench.report.ComparisonPage.PairedMarkdown;
import io.ipcbench.report.PairedComparison.PairedRow;

/**
 * scripts/compare and scripts/ab fed the fork floors recorded in two committed quick runs of the
 * same code (results/aa-quick/run2 and run3, each with forks in the fast placement, ~32–62 GB/s
 * cross-CPU stream, and in the slow one, ~6–12 GB/s): a fast fork is never compared or paired with a
 * slow one, and each placement says how many rows, forks and pairs it gave.
 */
class PlacementComparisonTest {
    /** Between the two placements' recorded streams. */
    private static final double BETWEEN = 20;
    private static final ResultSet RUN1 = ResultSet.load(Path.of("results", "aa-quick", "run2"));
    private static final ResultSet RUN2 = ResultSet.load(Path.of("results", "aa-quick", "run3"));

    private static boolean fast(double gbps) {
        return gbps > BETWEEN;
    }

    @Test
    void compareJudgesEachRowOnlyOverForksOfOnePlacement() {
        Comparison comparison = Comparison.of(RUN1, RUN2, 0.25, null);

        assertThat(comparison.byPlacement()).isTrue();
        assertThat(comparison.placements().groups()).extracting(HostPlacements.Group::name).containsExactly("fast", "slow");
        int classed = 0;
        for (Comparison.Row row : comparison.rows()) {
            if (!row.placement().equals("fast") && !row.placement().equals("slow")) {
                continue;
            }
            classed++;
            boolean fast = row.placement().equals("fast");
            for (ResultRow side : List.of(row.baseline(), row.candidate())) {
                List<Double> streams = side.secondary().get(ForkFloorProfiler.METRIC).iterations();
                assertThat(streams).as(row.key() + " " + row.placement()).hasSize(side.forkCount()).allMatch(gbps -> fast(gbps) == fast);
            }
            assertThat(row.basis().baselineCount()).isEqualTo(row.baseline().forkCount());
        }
        // every row is judged once per placement both sets measured it in, or said to have none in common
        assertThat(comparison.rows()).extracting(Comparison.Row::key).containsAll(RUN1.rows().stream().map(ResultRow::key).toList());
        assertThat(comparison.rows()).allMatch(r -> r.placement().equals("fast") || r.placement().equals("slow")
                || r.placement().startsWith("none in common: baseline "));
        long fast = comparison.rows().stream().filter(r -> r.placement().equals("fast")).count();
        long slow = comparison.rows().stream().filter(r -> r.placement().equals("slow")).count();
        assertThat(fast).isGreaterThan(40);
        assertThat(slow).isPositive();
        assertThat(classed).isEqualTo(fast + slow);
        assertThat(comparison.placementCounts().get(0)).startsWith("fast: " + fast + " rows compared over ");

        String markdown = ComparisonMarkdown.page(comparison, RUN1, RUN2, "no noise floors").markdown();
        assertThat(markdown).contains("Placements (HostPlacements", "2 placements: fast", "| placement |", "| slow |");
    }

    @Test
    void abPairsOnlyForksOfOnePlacementAndSetsTheRestAside() {
        // the two runs' forks paired as scripts/ab pairs them: fork i of a row in one with fork i of the same row in the other
        Map<String, ResultRow> candidates = new java.util.HashMap<>();
        RUN2.rows().forEach(row -> candidates.put(row.key(), row));
        List<PairedRow> rows = new ArrayList<>();
        for (ResultRow base : RUN1.rows()) {
            ResultRow cand = candidates.get(base.key());
            List<PairedRow.Pair> pairs = new ArrayList<>();
            for (int fork = 0; fork < base.forkCount(); fork++) {
                pairs.add(new PairedRow.Pair(fork + 1, false, base.forkScores().get(fork), cand.forkScores().get(fork), 1.0,
                        stream(base, fork), stream(cand, fork), Double.NaN, Double.NaN, null));
            }
            rows.add(new PairedRow(base.benchmark(), base.paramsText(), base.mode(), base.unit(), pairs, 0, 0));
        }

        List<PairedRow> classed = PairedRow.classified(rows);

        int mixed = 0;
        int kept = 0;
        for (PairedRow row : classed) {
            for (PairedRow.Pair pair : row.pairs()) {
                boolean same = fast(pair.baselineStream()) == fast(pair.candidateStream());
                assertThat(pair.placement()).as(row.key() + " round " + pair.round()).isEqualTo(!same ? PairedRow.Pair.MIXED
                        : fast(pair.baselineStream()) ? "fast" : "slow");
                assertThat(pair.setAside()).isEqualTo(!same);
                mixed += same ? 0 : 1;
                kept += same ? 1 : 0;
            }
            assertThat(row.kept()).allMatch(p -> fast(p.baselineStream()) == fast(p.candidateStream()));
        }
        assertThat(mixed).as("the recorded runs hold pairs across placements").isPositive();
        assertThat(kept).isPositive();
        PairedRow withMixed = classed.stream().filter(r -> r.pairs().stream().anyMatch(PairedRow.Pair::setAside)).findFirst().orElseThrow();
        assertThat(withMixed.placementsText()).contains("mixed");

        PairedComparison judged = PairedComparison.of(classed, 0.05, 0.05, null);
        assertThat(judged.setAside()).isEqualTo(mixed);
        assertThat(PairedMarkdown.page(judged, List.of(), PairedComparison.MIN_PAIRS, "no early stop", "own pairs").markdown())
                .contains("a fast fork is never paired with a slow one").contains(" mixed)");
    }

    private static double stream(ResultRow row, int fork) {
        return row.secondary().get(ForkFloorProfiler.METRIC).forks().get(fork).get(0);
    }
}
