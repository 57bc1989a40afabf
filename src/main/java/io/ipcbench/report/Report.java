package io.ipcbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.hygiene.PrivateDir;

/**
 * Renders a result set into a folder: PNG and SVG charts and {@code report.html}. Everything is
 * written to a temporary folder first and moved into place at the end, so a failure leaves no
 * half-written report.
 */
public final class Report {
    private Report() {
    }

    /** @return the report page */
    public static Path render(ResultSet results, Path outDir, long spectrumPayload) throws IOException {
        return render(results, List.of(), outDir, spectrumPayload);
    }

    /**
     * The report of {@code results} with {@code earlier} runs overlaid, faded, on its charts (the
     * page overlays the first; the static charts all of them).
     *
     * @return the report page
     */
    public static Path render(ResultSet results, List<ResultSet> earlier, Path outDir, long spectrumPayload) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(outDir);
        Path staging = Files.createTempDirectory(outDir, ".report-");
        try {
            List<Charts.Run> runs = new java.util.ArrayList<>();
            runs.add(new Charts.Run(results.id(), results.rows(), false));
            earlier.forEach(set -> runs.add(new Charts.Run(set.id(), set.rows(), true)));
            List<Charts.Written> charts = Charts.writeRuns(runs, staging, spectrumPayload);
            HtmlReport.write(results, earlier.isEmpty() ? null : earlier.get(0), charts, staging.resolve("report.html"));
            try (var files = Files.list(staging)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.move(file, outDir.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return outDir.resolve("report.html");
        } finally {
            PrivateDir.delete(staging); // what is left of it after a failure, and the folder
        }
    }

    /** The payload the spectrum chart shows by default: 64 B if present, else the smallest. */
    public static long defaultSpectrumPayload(ResultSet results) {
        List<Long> payloads = results.rows().stream().map(r -> r.param(Benchmarks.PAYLOAD)).filter(p -> !p.isEmpty())
                .map(Long::parseLong).distinct().sorted().toList();
        return payloads.contains(64L) || payloads.isEmpty() ? 64 : payloads.get(0);
    }
}
