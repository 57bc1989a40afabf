package io.ipcbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ipcbench.core.BadInput;
import io.ipcbench.report.Comparison;
import io.ipcbench.report.ComparisonMarkdown;
import io.ipcbench.report.NoiseFloor;
import io.ipcbench.report.ResultSet;

/**
 * {@code scripts/compare BASELINE CANDIDATE [--threshold PCT] [--fail-on-regression] [--ignore-fingerprint]}:
 * prints the regression report as Markdown. Exit 0, or 1 with {@code --fail-on-regression} when a row
 * is significantly slower beyond the threshold; 2 for bad input.
 */
public final class CompareMain {
    /** Calibrated on this machine class with A/A runs (see results/README.md). */
    public static final double DEFAULT_THRESHOLD_PERCENT = 25;
    static final String USAGE = "usage: scripts/compare BASELINE CANDIDATE [--threshold PCT] [--fail-on-regression] "
            + "[--ignore-fingerprint] [--noise FILE|none]";
    /** The noise floors scripts/compare uses when --noise is not given (results/noise.json of the checkout). */
    static final String DEFAULT_NOISE_PROPERTY = "ipcbench.noise";
    /** What scripts/compare sets: an environment variable, so a path with spaces stays one value. */
    static final String DEFAULT_NOISE_VARIABLE = "IPCBENCH_NOISE";

    private CompareMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            return compare(args);
        } catch (BadInput e) {
            System.err.println("ipc-bench compare: " + e.getMessage());
            return BadInput.EXIT;
        }
    }

    private static int compare(String[] args) {
        List<String> paths = new ArrayList<>();
        double threshold = DEFAULT_THRESHOLD_PERCENT;
        boolean failOnRegression = false;
        boolean ignoreFingerprint = false;
        String noisePath = System.getProperty(DEFAULT_NOISE_PROPERTY, System.getenv(DEFAULT_NOISE_VARIABLE));
        boolean noiseGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--fail-on-regression" -> failOnRegression = true;
                case "--ignore-fingerprint" -> ignoreFingerprint = true;
                case "--noise" -> {
                    if (i + 1 == args.length) {
                        throw new BadInput("--noise needs a noise-floor file (from scripts/calibrate) or 'none'");
                    }
                    noisePath = args[++i];
                    noiseGiven = true;
                }
                case "--threshold" -> {
                    if (i + 1 == args.length) {
                        throw new BadInput("--threshold needs a percentage, e.g. --threshold 25");
                    }
                    threshold = percent(args[++i]);
                }
                default -> {
                    if (arg.startsWith("--threshold=")) {
                        threshold = percent(arg.substring("--threshold=".length()));
                    } else if (arg.startsWith("-")) {
                        throw new BadInput("unknown option '" + arg + "'; " + USAGE);
                    } else {
                        paths.add(arg);
                    }
                }
            }
        }
        if (paths.size() != 2) {
            throw new BadInput("expected a baseline and a candidate, got " + paths.size() + " path(s); " + USAGE);
        }
        ResultSet baseline = ResultSet.load(Path.of(paths.get(0)));
        ResultSet candidate = ResultSet.load(Path.of(paths.get(1)));
        if (!ignoreFingerprint) {
            checkFingerprints(baseline, candidate);
        }
        NoiseFloor noise = null;
        String noiseNote = "No A/A noise floors applied (--noise none, or no results/noise.json).";
        boolean useNoise = noisePath != null && !noisePath.equals("none");
        if (useNoise && !Files.exists(Path.of(noisePath))) {
            if (noiseGiven) {
                throw new BadInput("no such noise-floor file: " + noisePath);
            }
            useNoise = false;
        }
        if (useNoise) {
            NoiseFloor floors = NoiseFloor.read(Path.of(noisePath));
            if (floors.appliesTo(candidate.fingerprint())) {
                noise = floors;
                noiseNote = "A/A noise floors from " + floors.runCount() + " runs on this machine class: `" + noisePath + "`.";
            } else {
                noiseNote = "Noise floors in `" + noisePath + "` were calibrated on another machine or JVM: not applied; "
                        + "run scripts/calibrate on this one.";
            }
        }
        Comparison comparison = Comparison.of(baseline, candidate, threshold / 100, noise);
        boolean shared = comparison.rows().stream().anyMatch(r -> r.baseline() != null && r.candidate() != null);
        if (!shared) {
            throw new BadInput("the two result sets have no benchmark x params x mode in common: nothing to compare");
        }
        System.out.print(ComparisonMarkdown.render(comparison, baseline, candidate, noiseNote));
        return failOnRegression && comparison.count(Comparison.Verdict.SLOWER) > 0 ? 1 : 0;
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

    private static double percent(String text) {
        try {
            double value = Double.parseDouble(text.replace("%", ""));
            if (value < 0 || value > 1000 || Double.isNaN(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadInput("--threshold takes a percentage from 0 to 1000, not '" + text + "'");
        }
    }
}
