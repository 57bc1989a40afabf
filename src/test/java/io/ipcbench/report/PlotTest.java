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
        assertThat(CompareMainAccess.plot(run.toString(), out.toString())).isZero();
        for (String chart : new String[] {"rtt", "throughput", "spectrum", "cpu"}) {
            BufferedImage png = ImageIO.read(out.resolve(chart + ".png").toFile());
            assertThat(png.getWidth()).as(chart).isEqualTo(960);
            assertThat(Files.readString(out.resolve(chart + ".svg"))).as(chart).contains("<svg");
        }
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<table>").contains("data:image/png;base64,").contains("shm-spin");
        assertThat(html.split("<img").length - 1).isEqualTo(4);
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
        assertThat(CompareMainAccess.plot(run.toString(), out.toString())).isZero();
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
            assertThat(CompareMainAccess.plot(corrupt.toString(), out.toString())).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ipc-bench plot: ").contains("is not valid JSON");
        assertThat(Files.exists(out)).isFalse();
    }
}
