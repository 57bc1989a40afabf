package io.ipcbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import io.ipcbench.core.BadInput;
import io.ipcbench.report.Comparison;
import io.ipcbench.report.ComparisonPage.ComparisonMarkdown;
import io.ipcbench.report.ComparisonPage;
import io.ipcbench.report.Noise;
import io.ipcbench.report.ResultSet;

/**
 * {@code scripts/compare BASELINE CANDIDATE [--threshold PCT] [--fail-on-regression] [--ignore-fingerprint] [--noise FILE|none]}:
 * prints the regression report as Markdown. Exit 0, or 1 with {@code --fail-on-regression} when a row
 * is significantly slower beyond the threshold; 2 for bad input.
 */
@Command(name = "scripts/compare", sortOptions = false,
        description = "Prints the regression report of CANDIDATE against BASELINE as Markdown: each a run folder or a JMH JSON file.",
        exitCodeList = {"0:the report is printed", "1:--fail-on-regression and a row is significantly slower",
            "2:bad input: one line on stderr, no report"})
public final class CompareMain implements Callable<Integer> {
    /** Calibrated on this machine class with A/A runs (see results/README.md). */
    public static final double DEFAULT_THRESHOLD_PERCENT = 25;
    /** The A/A noise scripts/compare uses when --noise is not given (results/noise.json of the checkout). */
    static final String DEFAULT_NOISE_PROPERTY = "ipcbench.noise";
    /** What scripts/compare sets: an environment variable, so a path with spaces stays one value. */
    static final String DEFAULT_NOISE_VARIABLE = "IPCBENCH_NOISE";

    @Parameters(index = "0", paramLabel = "BASELINE")
    private Path baselinePath;

    @Parameters(index = "1", paramLabel = "CANDIDATE")
    private Path candidatePath;

    @Option(names = "--threshold", paramLabel = "PCT", converter = Percent.class,
            description = "Smallest change of a median that counts, in %% (default ${DEFAULT-VALUE}); a row's A/A noise floor raises it.")
    private double threshold = DEFAULT_THRESHOLD_PERCENT;

    @Option(names = "--fail-on-regression", description = "Exit 1 when a row is significantly slower.")
    private boolean failOnRegression;

    @Option(names = "--ignore-fingerprint",
            description = "Compare even if the machines, JVMs or JMH options of the two sets differ.")
    private boolean ignoreFingerprint;

    @Option(names = "--page", paramLabel = "FILE",
            description = "Also write the report as one HTML page (the verdict line first, then the rows that moved) to FILE.")
    private Path page;

    @Option(names = "--noise", paramLabel = "FILE|none",
            description = "A/A noise from scripts/calibrate or an A/A scripts/ab run's aa.json, or none (default: results/noise.json of this checkout, if any).")
    private String noisePath;

    private CompareMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run("ipc-bench compare", new CompareMain(), args);
    }

    @Override
    public Integer call() {
        ResultSet baseline = ResultSet.load(baselinePath);
        ResultSet candidate = ResultSet.load(candidatePath);
        if (!ignoreFingerprint) {
            checkFingerprints(baseline, candidate);
        }
        boolean noiseGiven = noisePath != null;
        String noiseFile = noiseGiven ? noisePath : System.getProperty(DEFAULT_NOISE_PROPERTY, System.getenv(DEFAULT_NOISE_VARIABLE));
        Noise noise = null;
        String noiseNote = "No A/A noise floors applied (--noise none, or no results/noise.json).";
        boolean useNoise = noiseFile != null && !noiseFile.equals("none");
        if (useNoise && !Files.exists(Path.of(noiseFile))) {
            if (noiseGiven) {
                throw new BadInput("no such noise-floor file: " + noiseFile);
            }
            useNoise = false;
        }
        if (useNoise) {
            Noise read = Noise.read(Path.of(noiseFile));
            if (read.appliesTo(candidate.fingerprint())) {
                noise = read;
                noiseNote = "A/A noise floors from " + read.source() + " on this machine class: `" + ResultSet.readable(Path.of(noiseFile))
                        + "`; a row's floor is exp(t · sd) − 1, the change two measurements of the same code stay within at "
                        + Math.round((1 - Comparison.ALPHA) * 100) + " % (sd: the spread of their log ratio, t with its n − 1 degrees of freedom).";
            } else {
                noiseNote = "Noise floors in `" + ResultSet.readable(Path.of(noiseFile)) + "` were calibrated on another machine or JVM: not applied; "
                        + "run scripts/calibrate on this one.";
            }
        }
        Comparison comparison = Comparison.of(baseline, candidate, threshold / 100, noise);
        if (comparison.unfloored() > 0) {
            noiseNote += " " + comparison.unfloored() + " rows are judged by a figure the file holds no spread of (a round trip by its"
                    + " RTT p50 where both sets have one, else by its score; files from before 2026-12-08 hold scores): their limit is the"
                    + " threshold; run scripts/calibrate again for theirs.";
        }
        boolean shared = comparison.rows().stream().anyMatch(r -> r.baseline() != null && r.candidate() != null);
        if (!shared) {
            throw new BadInput("the two result sets have no benchmark x params x mode in common: nothing to compare");
        }
        ComparisonPage report = ComparisonMarkdown.page(comparison, baseline, candidate, noiseNote);
        System.out.print(report.markdown());
        if (page != null) {
            try {
                Files.writeString(page, report.html(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new BadInput("cannot write the page " + page + ": " + e.getMessage());
            }
        }
        return failOnRegression && comparison.count(Comparison.Verdict.SLOWER) > 0 ? Cli.EXIT_FAILED : Cli.EXIT_OK;
    }

    private static void checkFingerprints(ResultSet baseline, ResultSet candidate) {
        if (baseline.fingerprint() == null || candidate.fingerprint() == null) {
            throw new BadInput("no fingerprint.json beside " + (baseline.fingerprint() == null ? baseline.json() : candidate.json())
                    + ": cannot tell whether the two were measured alike; --ignore-fingerprint compares anyway");
        }
        List<String> differences = baseline.fingerprint().differences(candidate.fingerprint());
        if (!differences.isEmpty()) {
            throw new BadInput("the result sets come from different machines or JVMs (" + String.join("; ", differences)
                    + "); --ignore-fingerprint compares anyway");
        }
        // the floor and steal differ between any two runs and are not compared; the options must match
        List<String> options = baseline.fingerprint().optionDifferences(candidate.fingerprint());
        if (!options.isEmpty()) {
            throw new BadInput("the result sets were measured with different JMH options (" + String.join("; ", options)
                    + "): results of different profiles or options are never compared silently; --ignore-fingerprint compares anyway");
        }
    }

    /** {@code 25} or {@code 25%}, from 0 to 1000. */
    static final class Percent implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                double value = Double.parseDouble(text.replace("%", ""));
                if (value >= 0 && value <= 1000) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // refused below, as an out-of-range value is
            }
            throw new TypeConversionException("expected a percentage from 0 to 1000, not '" + text + "'");
        }
    }
}
