package io.ipcbench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.ipcbench.core.Unknown;
import io.ipcbench.nativeio.Sys;

/**
 * The floor runs, gives a positive finite value for every figure it can measure and a reason for
 * every one it cannot, and leaves nothing behind: no thread, no pipe. Nothing here asserts a time.
 */
class FloorTest {
    private static final List<FloorFigure> CROSS_CPU = List.of(FloorFigure.CACHE_LINE_RTT, FloorFigure.WAKE_UP_RTT,
            FloorFigure.STREAM_64_KIB);

    @Test
    void everyFigureIsPositiveAndFinite() throws IOException {
        List<String> pipesBefore = openPipes();
        Floor floor = Floor.measure();
        for (FloorFigure figure : FloorFigure.values()) {
            boolean crossCpu = CROSS_CPU.contains(figure);
            if (crossCpu && Sys.onlineCpus() < 2) {
                assertThat(floor.recorded(figure)).asString().startsWith("unknown (only 1 CPU online");
                continue;
            }
            assertThat(floor.value(figure)).as(figure + ": " + floor.recorded(figure)).isPresent();
            double value = floor.value(figure).getAsDouble();
            assertThat(Double.isFinite(value) && value > 0).as(figure + " = " + value).isTrue();
        }
        assertThat(floor.toJson()).containsKeys("initiatorCpu", "peerCpu", "cacheLineRttNs", "wakeUpRttUs", "stream64KiBGBps", "copy64KiBGBps",
                "copy1MiBGBps", "tookMs");
        assertThat(floorThreads()).as("threads still running after the floor").isEmpty();
        assertThat(openPipes()).as("pipes still open after the floor").isEqualTo(pipesBefore);
    }

    @Test
    void oneCpuSkipsTheCrossCpuFiguresWithAReason() {
        Floor floor = Floor.measure(0, 1, 1);
        for (FloorFigure figure : CROSS_CPU) {
            assertThat(floor.recorded(figure)).isEqualTo("unknown (only 1 CPU online: no cross-CPU figure)");
        }
        assertThat(floor.value(FloorFigure.COPY_64_KIB)).isPresent();
        assertThat(floor.value(FloorFigure.COPY_1_MIB)).isPresent();
    }

    /** A CPU this process may not run on (absent, or outside its cpuset) is a reason, not an exception or a hang. */
    @Test
    void aCpuThatCannotBeUsedIsRecordedWithTheReason() throws IOException {
        List<String> pipesBefore = openPipes();
        Floor floor = Floor.measure(0, 4095, 2);
        for (FloorFigure figure : CROSS_CPU) {
            assertThat(Unknown.is(floor.recorded(figure))).as(figure + ": " + floor.recorded(figure)).isTrue();
            assertThat(floor.recorded(figure)).asString().contains("sched_setaffinity(cpu 4095)");
        }
        assertThat(floorThreads()).isEmpty();
        assertThat(openPipes()).isEqualTo(pipesBefore);
    }

    @Test
    void givenFiguresReadBack() {
        Floor floor = Floor.of(Map.of(FloorFigure.CACHE_LINE_RTT, 191.0, FloorFigure.WAKE_UP_RTT, "unknown (a test)"));
        assertThat(floor.value(FloorFigure.CACHE_LINE_RTT)).hasValue(191.0);
        assertThat(floor.value(FloorFigure.WAKE_UP_RTT)).isEmpty();
        assertThat(floor.recorded(FloorFigure.COPY_1_MIB)).isEqualTo("unknown (not measured)");
        assertThat(floor.summary()).startsWith("cache-line RTT 191 ns, cross-CPU wake-up RTT unknown (a test), ");
    }

    private static List<String> floorThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("ipc-bench-floor-")).toList();
    }

    /** The pipes this JVM holds, as /proc/self/fd shows them ("pipe:[inode]"). */
    private static List<String> openPipes() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return ""; // the fd of the listing itself, closed by now
                }
            }).filter(target -> target.startsWith("pipe:")).sorted().toList();
        }
    }
}
