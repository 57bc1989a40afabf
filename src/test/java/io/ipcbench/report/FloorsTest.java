package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's floor in the reports: per fork within a run, and between two result sets. */
class FloorsTest {
    // A run names the forks that measured another placement of the vCPUs than the rest, by the floor each fork measured.
    private static final double[][] STEADY = {{100, 101, 99}, {102, 100, 101}, {99, 100, 100}};

    @TempDir
    Path dir;

    @Test
    void forksAtOneFloorRaiseNoWarning() throws IOException {
        RunFixture run = new RunFixture().stream("pipe", "64", STEADY).forkFloor(55, 57, 54)
                .stream("shm-spin", "65536", STEADY).forkFloor(56, 53, 58);
        ResultSet results = ResultSet.load(run.write(dir.resolve("run")));
        assertThat(Floors.Forks.readings(results)).hasSize(6);
        assertThat(Floors.Forks.warnings(results)).isEmpty();
    }

    @Test
    void forksInTheOtherPlacementAreNamedWithTheirFloor() throws IOException {
        // the stream of the slow placement (9 GB/s) beside the fast one (55 GB/s): one row's forks all slow, one fork of another
        RunFixture run = new RunFixture().stream("pipe", "64", STEADY).forkFloor(55, 57, 54)
                .stream("shm-spin", "65536", STEADY).forkFloor(9.1, 9.4, 8.8)
                .stream("uds", "64", STEADY).forkFloor(56, 9.3, 55);
        ResultSet results = ResultSet.load(run.write(dir.resolve("run")));
        assertThat(Floors.Forks.warnings(results)).singleElement().asString()
                .startsWith("4 of 9 forks ran while the cross-CPU stream")
                .contains("median of 54.0 GB/s", "transport=shm-spin", "fork 1: 9.10 GB/s", "transport=uds", "fork 2: 9.30 GB/s")
                .doesNotContain("transport=pipe");
    }

    @Test
    void aRunWithoutForkFloorsSaysNothing() throws IOException {
        ResultSet results = ResultSet.load(new RunFixture().stream("pipe", "64", STEADY).write(dir.resolve("run")));
        assertThat(Floors.Forks.readings(results)).isEmpty();
        assertThat(Floors.Forks.warnings(results)).isEmpty();
    }

    // A comparison of two runs says whether the machine's floor moved across them, and which figure.
    @Test
    void aSteadyFloorIsSaidToAgree() throws IOException {
        String note = Floors.BetweenSets.note(fingerprint("a", 85, 88, 54, 55), fingerprint("b", 90, 83, 56, 52));
        assertThat(note).contains("agreed within 1.50×").doesNotContain("⚠️");
    }

    @Test
    void aHostMoveBetweenTheRunsIsNamedWithItsFigures() throws IOException {
        // the cache line steady, the cross-CPU stream 55 → 9 GB/s: the placement that moved every shm stream 7×
        String note = Floors.BetweenSets.note(fingerprint("a", 85, 88, 54, 55), fingerprint("b", 90, 92, 9.2, 9.5));
        assertThat(note).contains("⚠️", "cross-CPU stream 64 KiB: baseline 54.0 GB/s → 55.0 GB/s, candidate 9.20 GB/s → 9.50 GB/s")
                .doesNotContain("cache-line");
    }

    @Test
    void aMoveWithinOneRunCountsToo() throws IOException {
        assertThat(Floors.BetweenSets.note(fingerprint("a", 400, 85, 54, 55), fingerprint("b", 90, 92, 54, 56))).contains("⚠️", "cache-line RTT");
    }

    @Test
    void setsWithoutAFloorSayNothing() throws IOException {
        Path bare = dir.resolve("bare.json");
        Files.writeString(bare, "{\"kernel\": \"Linux\"}");
        assertThat(Floors.BetweenSets.note(Fingerprint.read(bare), fingerprint("b", 90, 92, 54, 56))).isEmpty();
        assertThat(Floors.BetweenSets.note(null, fingerprint("b", 90, 92, 54, 56))).isEmpty();
    }

    private Fingerprint fingerprint(String name, double lineStart, double lineEnd, double streamStart, double streamEnd) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, String.format(java.util.Locale.ROOT, "{\"floor\": {\"start\": {\"cacheLineRttNs\": %s, \"stream64KiBGBps\": %s},"
                + " \"end\": {\"cacheLineRttNs\": %s, \"stream64KiBGBps\": %s}}}", lineStart, streamStart, lineEnd, streamEnd));
        return Fingerprint.read(file);
    }
}
