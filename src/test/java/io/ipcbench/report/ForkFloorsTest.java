package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run names the forks that measured another placement of the vCPUs than the rest, by the floor each fork measured. */
class ForkFloorsTest {
    private static final double[][] STEADY = {{100, 101, 99}, {102, 100, 101}, {99, 100, 100}};

    @TempDir
    Path dir;

    @Test
    void forksAtOneFloorRaiseNoWarning() throws IOException {
        RunFixture run = new RunFixture().stream("pipe", "64", STEADY).forkFloor(55, 57, 54)
                .stream("shm-spin", "65536", STEADY).forkFloor(56, 53, 58);
        ResultSet results = ResultSet.load(run.write(dir.resolve("run")));
        assertThat(ForkFloors.readings(results)).hasSize(6);
        assertThat(ForkFloors.warnings(results)).isEmpty();
    }

    @Test
    void forksInTheOtherPlacementAreNamedWithTheirFloor() throws IOException {
        // the stream of the slow placement (9 GB/s) beside the fast one (55 GB/s): one row's forks all slow, one fork of another
        RunFixture run = new RunFixture().stream("pipe", "64", STEADY).forkFloor(55, 57, 54)
                .stream("shm-spin", "65536", STEADY).forkFloor(9.1, 9.4, 8.8)
                .stream("uds", "64", STEADY).forkFloor(56, 9.3, 55);
        ResultSet results = ResultSet.load(run.write(dir.resolve("run")));
        assertThat(ForkFloors.warnings(results)).singleElement().asString()
                .startsWith("4 of 9 forks ran while the cross-CPU stream")
                .contains("median of 54.0 GB/s", "transport=shm-spin", "fork 1: 9.10 GB/s", "transport=uds", "fork 2: 9.30 GB/s")
                .doesNotContain("transport=pipe");
    }

    @Test
    void aRunWithoutForkFloorsSaysNothing() throws IOException {
        ResultSet results = ResultSet.load(new RunFixture().stream("pipe", "64", STEADY).write(dir.resolve("run")));
        assertThat(ForkFloors.readings(results)).isEmpty();
        assertThat(ForkFloors.warnings(results)).isEmpty();
    }
}
