package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ipcbench.report.ResultSet;

/** The launcher's closing lines name the placements the forks' floors saw and the rows seen in one only (results/aa-quick/run3). */
class PlacementLinesTest {
    @Test
    void aRunInTwoPlacementsNamesThemAndTheRowsSeenInOneOnly() {
        List<String> lines = BenchMain.placementLines(ResultSet.load(Path.of("results", "aa-quick", "run3")));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("ipc-bench: placements of the host, by each fork's floor: 2 placements: fast ")
                .contains("forks, slow ", "fast: ", "cross-CPU stream ");
        assertThat(lines.get(1)).matches("ipc-bench: \\d+ of 48 rows were seen in one placement only: .*")
                .contains("(fast)").contains(" more");
    }

    @Test
    void aRunWithoutForkFloorsSaysNothing() {
        assertThat(BenchMain.placementLines(ResultSet.load(Path.of("src", "test", "resources", "old-result-sets", "one-fork-quick"))))
                .isEmpty();
    }
}
