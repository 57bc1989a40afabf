package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.core.Benchmarks;

/**
 * The report as a reader meets it, in a real browser: made from a quick run committed under
 * results/, opened in headless Chromium. It must answer first (the verdict before any chart),
 * draw every chart with the series its data holds, write nothing to the console, and load nothing
 * from the network; a page whose charts do not draw must fail these checks.
 */
class ReportInBrowserTest {
    /** A quick run of the twelve default transports at 64 B and 64 KiB, three forks, every round trip recorded. */
    static final Path RUN = Path.of("results", "aa-quick", "run1");

    @TempDir
    Path dir;

    @Test
    void theReportAnswersFirstAndDrawsEveryChartWithoutAnError() throws Exception {
        HeadlessChromium.find();
        ResultSet run = ResultSet.load(RUN);
        Path page = Report.render(run, dir.resolve("report"), 64);
        HeadlessChromium.Page loaded = HeadlessChromium.load(page, dir);

        assertThat(loaded.console()).as("the browser's console").isEmpty();
        String dom = loaded.dom();
        assertThat(dom.indexOf("id=\"verdict\"")).as("the verdict panel").isPositive()
                .isLessThan(dom.indexOf("<div class=\"chart\""));
        Map<String, Integer> drawn = seriesPerChart(dom);
        assertThat(drawn).isEqualTo(expectedSeries(run));
        HeadlessChromium.screenshot(page, Path.of("target", "report-in-browser.png"), dir);
        assertThat(Path.of("target", "report-in-browser.png")).isNotEmptyFile();
    }

    /** A row opens to its percentile plot, one line per fork, from the row's histogram logs. */
    @Test
    void aRowOpensToItsPercentilePlot() throws Exception {
        HeadlessChromium.find();
        ResultSet run = ResultSet.load(RUN);
        int index = 0;
        while (!run.rows().get(index).isRoundTrip() || run.histograms(run.rows().get(index)) == null) {
            index++;
        }
        Map.Entry<String, ResultRow> part = HtmlReport.byPlacement(HostPlacements.of(run)).apply(run.rows().get(index)).entrySet()
                .iterator().next();
        Path page = Report.render(run, dir.resolve("report"), 64);
        HeadlessChromium.Page loaded = HeadlessChromium.load(page, "#row=this-" + index + (part.getKey().isEmpty() ? "" : "-" + part.getKey()), dir);
        assertThat(loaded.console()).as("the browser's console").isEmpty();
        int plot = loaded.dom().indexOf("<div class=\"chart percentiles\">");
        assertThat(plot).as("the opened row's percentile plot").isPositive();
        String block = loaded.dom().substring(plot, loaded.dom().indexOf("</table>", plot));
        assertThat(block).contains("<canvas");
        assertThat(block.split("class=\"u-series", -1).length - 2).as("one line per fork").isEqualTo(part.getValue().forkCount());
    }

    /** An earlier run overlaid: every chart draws each transport twice, this run's and the earlier one's, faded. */
    @Test
    void anEarlierRunIsOverlaidOnEveryChart() throws Exception {
        HeadlessChromium.find();
        ResultSet run = ResultSet.load(RUN);
        ResultSet earlier = ResultSet.load(RUN.resolveSibling("run2"));
        Path page = Report.render(run, List.of(earlier), dir.resolve("report"), 64);
        HeadlessChromium.Page loaded = HeadlessChromium.load(page, dir);
        assertThat(loaded.console()).as("the browser's console").isEmpty();
        Map<String, Integer> both = new java.util.TreeMap<>(expectedSeries(run, true));
        expectedSeries(earlier, false).forEach((chart, series) -> both.merge(chart, series, Integer::sum)); // an earlier run is not split
        assertThat(seriesPerChart(loaded.dom())).isEqualTo(both);
        assertThat(loaded.dom()).contains("against <b>run2</b>");
    }

    /** The same checks fail when the data breaks a chart: the test can see a page that does not draw. */
    @Test
    void aChartThatDoesNotDrawFailsTheChecks() throws Exception {
        HeadlessChromium.find();
        ResultSet run = ResultSet.load(RUN);
        Path page = Report.render(run, dir.resolve("report"), 64);
        // a row of an unknown transport: the page's data names no family or colour for it
        String html = Files.readString(page).replace("\"transport\":\"pipe\"", "\"transport\":\"no-such-transport\"");
        Files.writeString(page, html);
        HeadlessChromium.Page loaded = HeadlessChromium.load(page, dir);
        assertThat(loaded.console()).as("the browser's console").isNotEmpty();
        assertThat(seriesPerChart(loaded.dom())).isNotEqualTo(expectedSeries(run));
    }

    @Test
    void thePageNeedsNothingFromTheNetworkAndNamesNoPathOfThisMachine() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("results").resolve("runs").resolve("20261206-120000"));
        for (String file : new String[] {"jmh.json.gz", "fingerprint.json"}) {
            Files.copy(RUN.resolve(file), copy.resolve(file));
        }
        Path page = Report.render(ResultSet.load(copy), copy, 64);
        String html = Files.readString(page);
        assertThat(html).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=")
                .doesNotContainPattern("url\\(\\s*['\"]?https?:");
        assertThat(html).doesNotContain(copy.toAbsolutePath().toString()).doesNotContain(dir.toAbsolutePath().toString())
                .doesNotContain(System.getProperty("user.home") + "/")
                .contains("results/runs/20261206-120000").contains("Run <b>20261206-120000</b>");
    }

    /** "metric/family" → series drawn, from the page as the browser left it; a chart without a canvas counts -1. */
    static Map<String, Integer> seriesPerChart(String dom) {
        Map<String, Integer> drawn = new LinkedHashMap<>();
        Matcher chart = Pattern.compile("<div class=\"chart\" data-family=\"([^\"]+)\" data-metric=\"([^\"]+)\">").matcher(dom);
        List<int[]> starts = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        while (chart.find()) {
            starts.add(new int[] {chart.start()});
            names.add(chart.group(2) + "/" + chart.group(1));
        }
        for (int i = 0; i < starts.size(); i++) {
            String block = dom.substring(starts.get(i)[0], i + 1 < starts.size() ? starts.get(i + 1)[0] : dom.length());
            int series = block.split("class=\"u-series", -1).length - 2; // the legend's first entry is the x axis
            drawn.put(names.get(i), block.contains("<canvas") ? series : -1);
        }
        return drawn;
    }

    /**
     * What the run's rows call for: per metric and family, one series per transport (as labelled) and host placement that has
     * the figure.
     */
    static Map<String, Integer> expectedSeries(ResultSet run) {
        return expectedSeries(run, true);
    }

    static Map<String, Integer> expectedSeries(ResultSet run, boolean byPlacement) {
        Map<String, java.util.Set<String>> expected = new java.util.TreeMap<>();
        java.util.function.Function<ResultRow, Map<String, ResultRow>> split = byPlacement ? HtmlReport.byPlacement(HostPlacements.of(run))
                : row -> Map.of("", row);
        for (ResultRow whole : run.rows()) {
          for (Map.Entry<String, ResultRow> part : split.apply(whole).entrySet()) {
            ResultRow row = part.getValue();
            String family = Charts.familyOf(row).title();
            if (row.isRoundTrip()) {
                for (String p : new String[] {"p50", "p99"}) {
                    if (row.latency() != null && row.latency().get(p) != null && row.latency().get(p).supported()) {
                        expected.computeIfAbsent(p + "/" + family, k -> new java.util.TreeSet<>()).add(row.transportLabel() + part.getKey());
                    }
                }
            } else if (row.isStream()) {
                expected.computeIfAbsent("mbs/" + family, k -> new java.util.TreeSet<>()).add(row.transportLabel() + part.getKey());
                if (Verdict.cpuPerMessage(row) != null) {
                    expected.computeIfAbsent("cpu/" + family, k -> new java.util.TreeSet<>()).add(row.transportLabel() + part.getKey());
                }
            }
            assertThat(row.param(Benchmarks.PLACEMENT)).isEqualTo("cross-core"); // one placement: one series per label
          }
        }
        Map<String, Integer> counts = new java.util.TreeMap<>();
        expected.forEach((chart, labels) -> counts.put(chart, labels.size()));
        return counts;
    }
}
