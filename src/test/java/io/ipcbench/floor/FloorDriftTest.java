package io.ipcbench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The "moved" judgement on given figures, not on timing. */
class FloorDriftTest {
    private static Floor floor(double cacheLineNs, double wakeUpUs, double copy64, double copy1m) {
        return Floor.of(Map.of(FloorFigure.CACHE_LINE_RTT, cacheLineNs, FloorFigure.WAKE_UP_RTT, wakeUpUs,
                FloorFigure.COPY_64_KIB, copy64, FloorFigure.COPY_1_MIB, copy1m));
    }

    @Test
    void aTwofoldChangeIsFlaggedEitherWay() {
        Floor start = floor(191, 40, 100, 47);
        assertThat(FloorDrift.moved(start, floor(382, 40, 100, 47), FloorDrift.FACTOR)).containsExactly("cache-line RTT 191 ns → 382 ns");
        assertThat(FloorDrift.moved(start, floor(191, 40, 50, 47), FloorDrift.FACTOR)).containsExactly("copy 64 KiB 100 GB/s → 50.0 GB/s");
        assertThat(FloorDrift.moved(start, floor(191, 20, 100, 47), FloorDrift.FACTOR)).containsExactly("cross-CPU wake-up RTT 40.0 µs → 20.0 µs");
    }

    @Test
    void aTenPercentChangeIsNot() {
        Floor start = floor(191, 40, 100, 47);
        assertThat(FloorDrift.moved(start, floor(191 * 1.1, 40 / 1.1, 100 * 1.1, 47 / 1.1), FloorDrift.FACTOR)).isEmpty();
        assertThat(FloorDrift.moved(start, start, FloorDrift.FACTOR)).isEmpty();
    }

    @Test
    void unknownFiguresAreNotJudged() {
        Floor start = Floor.of(Map.of(FloorFigure.CACHE_LINE_RTT, "unknown (only 1 CPU online: no cross-CPU figure)"));
        assertThat(FloorDrift.moved(start, floor(731, 40, 100, 47), FloorDrift.FACTOR)).isEmpty();
    }

    @Test
    void theWarningIsOneLine() {
        String warning = FloorDrift.warning(FloorDrift.moved(floor(191, 40, 100, 47), floor(731, 90, 100, 47), FloorDrift.FACTOR));
        assertThat(warning).isEqualTo("ipc-bench: the machine's floor moved during the run: cache-line RTT 191 ns → 731 ns; "
                + "cross-CPU wake-up RTT 40.0 µs → 90.0 µs; compare its figures with care");
    }
}
