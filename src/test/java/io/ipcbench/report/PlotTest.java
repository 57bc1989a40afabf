package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.cli.CompareMainAccess;

class PlotTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryChartAsPngAndSvgAndOnePage() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        new JmhJsonFixture(1, 0.03, 5, Map.of()).write(run.resolve("jmh.json"));
        Path out = dir.resolve("charts");
        assertThat(CompareMainAccess.plot(run.toString(), "--out", out.toString())).isZero();
        for (String chart : new String[] {"rtt", "throughput", "spectrum", "cpu"}) {
            BufferedImage png = ImageIO.read(out.resolve(chart + ".png").toFile());
            assertThat(png.getWidth()).as(chart).isEqualTo(960);
            assertThat(Files.readString(out.resolve(chart + ".svg"))).as(chart).contains("<svg");
        }
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<section id=\"verdict\">").contains("<table class=\"rows\">").contains("shm-spin")
                .contains("id=\"report-data\"").contains("uPlot");
        assertThat(html.indexOf("id=\"verdict\"")).as("the verdict comes first").isLessThan(html.indexOf("id=\"charts\""));
        assertThat(html).as("charts are drawn from data, the static ones are files beside the page").doesNotContain("<img");
    }

    /** The floor recorded in the fingerprint heads the page, and a run in which it moved is flagged there, as the launcher flagged it. */
    @Test
    void theFloorAtStartAndEndHeadsThePageAndAMovedFloorIsFlagged() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        new JmhJsonFixture(1, 0.03, 5, Map.of()).write(run.resolve("jmh.json"));
        Map<String, Object> start = Map.of("cacheLineRttNs", 430.0, "wakeUpRttUs", 69.0, "stream64KiBGBps", 8.5);
        Map<String, Object> end = Map.of("cacheLineRttNs", 82.4, "wakeUpRttUs", "unknown (a test)", "stream64KiBGBps", 55.0);
        JmhJsonFixture.writeFingerprint(run, "Linux 6.18", Map.of("floor", Map.of("start", start, "end", end,
                "moved", java.util.List.of("cache-line RTT 430 ns → 82.4 ns", "cross-CPU stream 64 KiB 8.50 GB/s → 55.0 GB/s"))));
        Path out = dir.resolve("charts");
        assertThat(CompareMainAccess.plot(run.toString(), "--out", out.toString())).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("The machine's floor at the start: cache-line RTT 430 ns, cross-CPU wake-up RTT 69.0 µs, "
                + "cross-CPU stream 64 KiB 8.50 GB/s, copy 64 KiB unknown (not recorded)")
                .contains("The machine's floor at the end: cache-line RTT 82.4 ns, cross-CPU wake-up RTT unknown (a test)")
                .contains("<p class=\"warn\" id=\"w-floor\">The machine's floor moved during the run: cache-line RTT 430 ns → 82.4 ns; "
                        + "cross-CPU stream 64 KiB 8.50 GB/s → 55.0 GB/s.");

        Path steady = Files.createDirectories(dir.resolve("steady"));
        new JmhJsonFixture(1, 0.03, 5, Map.of()).write(steady.resolve("jmh.json"));
        JmhJsonFixture.writeFingerprint(steady, "Linux 6.18", Map.of("floor", Map.of("start", end, "end", end, "moved", java.util.List.of())));
        assertThat(CompareMainAccess.plot(steady.toString(), "--out", dir.resolve("steady-charts").toString())).isZero();
        assertThat(Files.readString(dir.resolve("steady-charts").resolve("report.html")))
                .contains("The machine's floor at the start: cache-line RTT 82.4 ns").doesNotContain("floor moved");
    }

    /** The current format: forks, intervals in the table and the charts, percentiles from histograms where there are logs. */
    @Test
    void aForkedRunWithHistogramsPlotsMediansIntervalsAndSampleCounts() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        JmhJsonFixture.forked(1, 0.01, 0.05, 3, 3, Map.of()).write(run.resolve("jmh.json"));
        java.util.Random random = new java.util.Random(3);
        for (int fork = 1; fork <= 3; fork++) {
            java.util.List<long[]> iterations = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                iterations.add(random.longs(5000, 20_000, 60_000).toArray());
            }
            RunFixture.writeHistograms(run, "pipe", "64", fork, iterations);
        }
        Path out = dir.resolve("charts");
        assertThat(CompareMainAccess.plot(run.toString(), "--out", out.toString())).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Forks: 3 per row").doesNotContain("show no interval")
                .contains("HdrHistogram logs of every round trip").contains("per-iteration percentiles (secondary metrics rtt.*)")
                .contains("15,000 per fork").contains("2,000 per iteration")
                .containsPattern("<td>[0-9.,]+ \\[[0-9.,]+–[0-9.,]+\\]</td>");
        for (String chart : new String[] {"rtt", "throughput", "spectrum", "cpu"}) {
            assertThat(ImageIO.read(out.resolve(chart + ".png").toFile()).getWidth()).as(chart).isEqualTo(960);
        }
        assertThat(Files.readString(out.resolve("rtt.svg"))).contains("<svg");
    }

    @Test
    void corruptInputWritesNothing() throws Exception {
        Path corrupt = Files.writeString(dir.resolve("jmh.json"), "[{\"benchmark\": ");
        Path out = dir.resolve("charts");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(CompareMainAccess.plot(corrupt.toString(), "--out", out.toString())).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ipc-bench plot: ").contains("is not valid JSON");
        assertThat(Files.exists(out)).isFalse();
    }
}
