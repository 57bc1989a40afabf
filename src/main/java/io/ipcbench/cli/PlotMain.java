package io.ipcbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.ipcbench.core.BadInput;
import io.ipcbench.report.Report;
import io.ipcbench.report.ResultSet;
import io.ipcbench.report.Floors;
import io.ipcbench.report.SelfCheck;

/**
 * {@code scripts/plot RUN [EARLIER…] [--out DIR] [--payload BYTES]}: charts (PNG and SVG) and
 * report.html for a result set, with earlier runs overlaid (faded) where given; DIR defaults to
 * the folder the results are in. Prints the run's self-check warnings (pipe and fifo disagreeing)
 * on stderr, as the page shows them.
 */
@Command(name = "scripts/plot",
        description = "Charts (PNG and SVG: RTT, throughput, percentile spectrum, CPU per message) and report.html for a run"
                + " folder or a JMH JSON file, with earlier runs overlaid, faded; the run's self-check warnings also go to stderr.")
public final class PlotMain implements Callable<Integer> {
    private static final String TOOL = "ipc-bench plot";

    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder or a JMH JSON file.")
    private Path resultsPath;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "EARLIER",
            description = "Earlier runs to overlay on the charts, faded (the page overlays the first).")
    private java.util.List<Path> earlierPaths = new java.util.ArrayList<>();

    @Option(names = {"--against"}, paramLabel = "EARLIER", description = "An earlier run to overlay, as EARLIER does.")
    private java.util.List<Path> against = new java.util.ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Where to write (default: the run's folder).")
    private Path outDir;

    @Option(names = "--payload", paramLabel = "BYTES", description = "The payload of the percentile spectrum (default: the run's).")
    private Long payload;

    private PlotMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run(TOOL, new PlotMain(), args);
    }

    @Override
    public Integer call() {
        ResultSet results = ResultSet.load(resultsPath);
        java.util.List<ResultSet> earlier = new java.util.ArrayList<>();
        earlierPaths.forEach(path -> earlier.add(ResultSet.load(path)));
        against.forEach(path -> earlier.add(ResultSet.load(path)));
        Path out = outDir != null ? outDir : results.json().toAbsolutePath().getParent();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInput(out + " exists and is not a folder");
        }
        Path page;
        try {
            page = Report.render(results, earlier, out, payload != null ? payload : Report.defaultSpectrumPayload(results));
        } catch (IOException e) {
            throw new BadInput("cannot write the report to " + out + ": " + e.getMessage());
        }
        System.out.println(TOOL + ": wrote charts and " + page);
        SelfCheck.warnings(results).forEach(w -> System.err.println(TOOL + ": warning: " + w));
        Floors.Forks.warnings(results).forEach(w -> System.err.println(TOOL + ": warning: " + w));
        return Cli.EXIT_OK;
    }
}
