package io.ipcbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.ipcbench.core.BadInput;
import io.ipcbench.report.GateStatistics.RowVerdicts;
import io.ipcbench.report.PairedComparison.PairedRow;

/**
 * How much two measurements of the same code differ on this machine (A/A), row by row: the noise a
 * comparison of two versions must see past. One measure, one file, whichever tool measured it: per
 * row, the standard deviation of the log ratio between two measurements of the same code
 * ({@link Spread}) and the number n of measurements it was estimated from (n − 1 degrees of freedom).
 * <ul>
 * <li>scripts/calibrate ({@link #calibrate}; results/noise.json) from k ≥ 2 whole runs: √2 × the
 * standard deviation of the row's log centre over the runs (the spread of a log ratio of two of
 * them), n = k. Whole runs show what iterations within one run cannot: on a noisy
 * 2-vCPU VM a row can be steady within each run yet land 50 % higher in the next (thread placement,
 * JIT timing, batching).</li>
 * <li>an A/A run of scripts/ab ({@link #paired}; aa.json in its run folder): the standard deviation
 * of the row's paired log ratios, n = kept pairs. An A/B run's own spread also holds whatever the
 * change does (a change that helps some forks and not others), so the A/A one is the noise alone.</li>
 * </ul>
 * Both tools read either file: scripts/compare raises each row's limit to its {@link Spread#floor},
 * and {@code scripts/ab --aa FILE} computes each row's smallest detectable slowdown
 * ({@link GateStatistics.DetectableEffect}) from the spread. Whole runs' medians over several forks
 * spread less than single forks, so for {@code --aa} an A/A scripts/ab run's file fits best. Each row's
 * spread names its figure ({@link JudgedFigure}): both tools judge a round trip by its RTT p50 and
 * every other row by its score, and use a spread only for a row judged by the figure it was taken
 * of. aa.json
 * files written before this shape (no "of", "pairs" for n) are read as they are; a noise.json of the
 * earlier shape ("floors") is refused with a line that says to run scripts/calibrate again.
 */
public final class Noise {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** What a row's n counts. */
    private static final String RUNS = "runs";
    private static final String PAIRS = "pairs";

    /**
     * A row's noise.
     *
     * @param sd the standard deviation of the log ratio between two measurements of the same code; NaN when too few to know it
     * @param n the measurements (runs or kept pairs) it came from
     * @param figure what was measured ({@link JudgedFigure#name}): the figure the tools judge the row by (a round
     *        trip's RTT p50, where every run or pair had one; else the score); "score" in every file written before
     *        2026-12-08, when both judged only scores
     */
    public record Spread(double sd, int n, String figure) {
        /** The spread of a row's score. */
        public Spread(double sd, int n) {
            this(sd, n, JudgedFigure.SCORE);
        }

        /**
         * The change between two measurements of the same code that noise alone stays within at
         * confidence 1 − α: exp(t<sub>1 − α/2, n − 1</sub> · sd) − 1, the t quantile widening it for a
         * spread known from few measurements; 0 when the spread is unknown.
         */
        public double floor(double alpha) {
            return n < 2 || Double.isNaN(sd) ? 0 : Math.expm1(new TDistribution(n - 1).inverseCumulativeProbability(1 - alpha / 2) * sd);
        }
    }

    private final String of;
    private final Map<String, Object> identity;
    private final List<String> runs;
    private final Map<String, Spread> rows;

    private Noise(String of, Map<String, Object> identity, List<String> runs, Map<String, Spread> rows) {
        this.of = of;
        this.identity = identity;
        this.runs = runs;
        this.rows = rows;
    }

    /**
     * From two or more runs of the same code on one machine, each contributing a row's centre: the median over
     * forks of the figure scripts/compare judges it by ({@link JudgedFigure}: a round trip's RTT p50 where every run
     * has one, else {@link ResultRow#center()}, the score's).
     */
    public static Noise calibrate(List<ResultSet> sets) {
        if (sets.size() < 2) {
            throw new BadInput("calibration needs at least two runs of the same code");
        }
        Map<String, List<ResultRow>> byKey = new TreeMap<>();
        for (ResultSet set : sets) {
            for (ResultRow row : set.rows()) {
                byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
            }
        }
        Map<String, Spread> rows = new TreeMap<>();
        byKey.forEach((key, measured) -> {
            if (measured.size() >= 2) {
                List<JudgedFigure> figures = measured.stream().map(JudgedFigure::of).toList();
                boolean byP50 = figures.stream().allMatch(f -> f.name().equals(JudgedFigure.RTT_P50));
                double[] logs = new double[measured.size()];
                for (int i = 0; i < logs.length; i++) {
                    logs[i] = Math.log(byP50 ? StatUtils.percentile(figures.get(i).perFork().stream().mapToDouble(Double::doubleValue).toArray(),
                            50) : measured.get(i).center());
                }
                // the difference of two independent runs' logs has twice their variance
                rows.put(key, new Spread(Math.sqrt(2 * StatUtils.variance(logs)), measured.size(),
                        byP50 ? JudgedFigure.RTT_P50 : JudgedFigure.SCORE));
            }
        });
        return new Noise(RUNS, identity(sets.get(0).fingerprint()), sets.stream().map(s -> s.json().toString()).toList(), rows);
    }

    /** From an A/A run of scripts/ab: its rows, the fingerprint of one of its forks (or null) and its run folder. */
    public static Noise paired(List<PairedRow> measured, Fingerprint fingerprint, String run) {
        Map<String, Spread> rows = new TreeMap<>();
        for (PairedRow row : measured) {
            // a row whose pairs were too few (set aside when the floor moved) is listed too, its spread unknown
            rows.put(row.key(), new Spread(row.spread(), row.kept().size(), row.figure()));
        }
        return new Noise(PAIRS, identity(fingerprint), List.of(run), rows);
    }

    private static Map<String, Object> identity(Fingerprint fingerprint) {
        return fingerprint == null ? Map.of() : fingerprint.identity();
    }

    public static Noise read(Path file) {
        JsonNode root = Fingerprint.readJson(file);
        if (root == null || !root.path("rows").isObject()) {
            throw new BadInput(file + " is not a noise file (expected an object with \"rows\", as scripts/calibrate and scripts/ab write"
                    + (root != null && root.has("floors") ? "; its \"floors\" are of an earlier shape: run scripts/calibrate again)" : ")"));
        }
        Map<String, Spread> rows = new TreeMap<>();
        // "pairs" is what aa.json files of the earlier shape call n
        root.get("rows").fields().forEachRemaining(e -> rows.put(e.getKey(), new Spread(e.getValue().path("sd").asDouble(Double.NaN),
                e.getValue().path("n").asInt(e.getValue().path(PAIRS).asInt()), e.getValue().path("figure").asText(JudgedFigure.SCORE))));
        @SuppressWarnings("unchecked")
        Map<String, Object> identity = root.path("identity").isObject() ? JSON.convertValue(root.get("identity"), LinkedHashMap.class) : Map.of();
        List<String> runs = new ArrayList<>();
        root.path("runs").forEach(r -> runs.add(r.asText()));
        return new Noise(root.path("of").asText(PAIRS), identity, runs, rows);
    }

    public void write(Path file) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("about", "per row, sd: the standard deviation of the log ratio between two measurements of the same code (A/A), n: the "
                + of + " it came from, and figure: what was measured (score: the JMH score; RTT p50: a round trip's p50);"
                + " written by scripts/calibrate (whole runs) and by an A/A run of scripts/ab (kept pairs of forks),"
                + " read by scripts/compare (a row's floor: exp(t sd) - 1 at 95 %) and by scripts/ab --aa (the smallest detectable slowdown)");
        out.put("of", of);
        out.put("identity", identity);
        out.put("runs", runs);
        Map<String, Object> byRow = new TreeMap<>();
        rows.forEach((key, s) -> {
            // in this order every time: Map.of's order changes from one JVM to the next, and so did the file's
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sd", Double.isNaN(s.sd()) ? "unknown (" + s.n() + " " + of + ": too few for a spread)" : s.sd());
            row.put("n", s.n());
            row.put("figure", s.figure());
            byRow.put(key, row);
        });
        out.put("rows", byRow);
        JSON.writeValue(file.toFile(), out);
    }

    /** The row's spread, or null if it was not measured or from too few measurements to know it. */
    public Spread get(String key) {
        Spread spread = rows.get(key);
        return spread == null || Double.isNaN(spread.sd()) ? null : spread;
    }

    /** The row's spread of {@code figure} ({@link JudgedFigure#name}); null as {@link #get(String)}, or when it is of another figure. */
    public Spread get(String key, String figure) {
        Spread spread = get(key);
        return spread == null || !spread.figure().equals(figure) ? null : spread;
    }

    /**
     * The smallest change of this row's {@code figure} ({@link JudgedFigure#name}) that is not noise at the gate's α
     * ({@link Spread#floor}), as a fraction; 0 if unknown, or when the file holds the spread of another figure.
     */
    public double floor(String key, String figure) {
        Spread spread = rows.get(key);
        return spread == null || !spread.figure().equals(figure) ? 0 : spread.floor(RowVerdicts.ALPHA);
    }

    /** True when the file has a spread for this row, but of another figure than {@code figure}: it sets no floor for it. */
    public boolean onlyOtherFigure(String key, String figure) {
        Spread spread = get(key);
        return spread != null && !spread.figure().equals(figure);
    }

    /** True when it was measured on the machine and JVM that {@code fingerprint} describes. */
    public boolean appliesTo(Fingerprint fingerprint) {
        return fingerprint != null && String.valueOf(JSON.convertValue(identity, Object.class))
                .equals(String.valueOf(fingerprint.identity()));
    }

    public Map<String, Spread> rows() {
        return rows;
    }

    /** Where the spreads came from, for a report: "3 runs", or "the kept fork pairs of an A/A scripts/ab run". */
    public String source() {
        return RUNS.equals(of) ? runs.size() + " runs" : "the kept fork pairs of an A/A scripts/ab run";
    }
}
