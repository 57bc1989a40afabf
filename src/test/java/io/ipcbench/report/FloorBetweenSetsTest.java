package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A comparison of two runs says whether the machine's floor moved across them, and which figure. */
class FloorBetweenSetsTest {
    @TempDir
    Path dir;

    @Test
    void aSteadyFloorIsSaidToAgree() throws IOException {
        String note = FloorBetweenSets.note(fingerprint("a", 85, 88, 54, 55), fingerprint("b", 90, 83, 56, 52));
        assertThat(note).contains("agreed within 1.50×").doesNotContain("⚠️");
    }

    @Test
    void aHostMoveBetweenTheRunsIsNamedWithItsFigures() throws IOException {
        // the cache line steady, the cross-CPU stream 55 → 9 GB/s: the placement that moved every shm stream 7×
        String note = FloorBetweenSets.note(fingerprint("a", 85, 88, 54, 55), fingerprint("b", 90, 92, 9.2, 9.5));
        assertThat(note).contains("⚠️", "cross-CPU stream 64 KiB: baseline 54.0 GB/s → 55.0 GB/s, candidate 9.20 GB/s → 9.50 GB/s")
                .doesNotContain("cache-line");
    }

    @Test
    void aMoveWithinOneRunCountsToo() throws IOException {
        assertThat(FloorBetweenSets.note(fingerprint("a", 400, 85, 54, 55), fingerprint("b", 90, 92, 54, 56))).contains("⚠️", "cache-line RTT");
    }

    @Test
    void setsWithoutAFloorSayNothing() throws IOException {
        Path bare = dir.resolve("bare.json");
        Files.writeString(bare, "{\"kernel\": \"Linux\"}");
        assertThat(FloorBetweenSets.note(Fingerprint.read(bare), fingerprint("b", 90, 92, 54, 56))).isEmpty();
        assertThat(FloorBetweenSets.note(null, fingerprint("b", 90, 92, 54, 56))).isEmpty();
    }

    private Fingerprint fingerprint(String name, double lineStart, double lineEnd, double streamStart, double streamEnd) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, String.format(java.util.Locale.ROOT, "{\"floor\": {\"start\": {\"cacheLineRttNs\": %s, \"stream64KiBGBps\": %s},"
                + " \"end\": {\"cacheLineRttNs\": %s, \"stream64KiBGBps\": %s}}}", lineStart, streamStart, lineEnd, streamEnd));
        return Fingerprint.read(file);
    }
}
