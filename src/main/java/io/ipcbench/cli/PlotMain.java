package io.ipcbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ipcbench.core.BadInput;
import io.ipcbench.report.Report;
import io.ipcbench.report.ResultSet;
import io.ipcbench.report.SelfCheck;

/**
 * {@code scripts/plot RESULTS_DIR_OR_JSON [OUT_DIR] [--payload N]}: charts (PNG and SVG) and
 * report.html for a result set; OUT_DIR defaults to the folder the results are in. Prints the
 * run's self-check warnings (pipe and fifo disagreeing) on stderr, as the page shows them.
 */
public final class PlotMain {
    static final String USAGE = "usage: scripts/plot RESULTS_DIR_OR_JSON [OUT_DIR] [--payload BYTES]";

    private PlotMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            List<String> paths = new ArrayList<>();
            Long payload = null;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--payload") && i + 1 < args.length) {
                    payload = parsePayload(args[++i]);
                } else if (args[i].startsWith("--payload=")) {
                    payload = parsePayload(args[i].substring("--payload=".length()));
                } else if (args[i].startsWith("-")) {
                    throw new BadInput("unknown option '" + args[i] + "'; " + USAGE);
                } else {
                    paths.add(args[i]);
                }
            }
            if (paths.isEmpty() || paths.size() > 2) {
                throw new BadInput(USAGE);
            }
            ResultSet results = ResultSet.load(Path.of(paths.get(0)));
            Path outDir = paths.size() == 2 ? Path.of(paths.get(1)) : results.json().toAbsolutePath().getParent();
            if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
                throw new BadInput(outDir + " exists and is not a folder");
            }
            Path page;
            try {
                page = Report.render(results, outDir, payload != null ? payload : Report.defaultSpectrumPayload(results));
            } catch (IOException e) {
                throw new BadInput("cannot write the report to " + outDir + ": " + e.getMessage());
            }
            System.out.println("ipc-bench plot: wrote charts and " + page);
            SelfCheck.warnings(results).forEach(w -> System.err.println("ipc-bench plot: warning: " + w));
            return 0;
        } catch (BadInput e) {
            System.err.println("ipc-bench plot: " + e.getMessage());
            return BadInput.EXIT;
        }
    }

    private static long parsePayload(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadInput("--payload takes a number of bytes, not '" + text + "'");
        }
    }
}
