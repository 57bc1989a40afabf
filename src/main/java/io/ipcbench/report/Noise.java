package io.ipcbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.ipcbench.core.BadInput;
import io.ipcbench.report.PairedComparison.PairedRow;

/**
 * How much two runs of the same code differ on this machine (A/A), the noise a comparison of two
 * versions must see past. There are two models, one per way of comparing, and they stay two because
 * they answer different questions from different data:
 * <ul>
 * <li>{@link NoiseFloor} (scripts/calibrate writes results/noise.json, scripts/compare reads it): the
 * largest drift of a row's median between whole runs, times a safety factor — a threshold below
 * which a change between two sets measured apart is not counted.</li>
 * <li>{@link AaSpread} (scripts/ab writes aa.json from an A/A run, reads it with {@code --aa}): the
 * standard deviation of a row's paired log ratios — the spread the smallest detectable slowdown is
 * computed from when base and candidate are measured side by side.</li>
 * </ul>
 */
public final class Noise {
    /** Both files are written indented, for a reader. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Noise() {
    }

    /** The file's JSON, which must hold the object {@code field}; otherwise {@code notThisKind} as bad input. */
    private static JsonNode readObject(Path file, String field, String notThisKind) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.path(field).isObject()) {
            throw new BadInput(notThisKind);
        }
        return root;
    }

    /**
     * How far two runs of the same code drift apart on this machine, row by row, measured from
     * repeated runs (A/A). Iterations within one run cannot show it: on a noisy 2-vCPU VM a row can be
     * steady within each run yet land 50 % higher in the next (thread placement, JIT timing,
     * batching), so a test on within-run data alone raises false alarms. A comparison treats a change
     * as real only beyond the row's floor: the largest drift seen between calibration runs, times
     * {@link #SAFETY}.
     */
    public static final class NoiseFloor {
        public static final double SAFETY = 1.25;

        private final Map<String, Object> identity;
        private final List<String> runs;
        private final Map<String, Double> floors;

        private NoiseFloor(Map<String, Object> identity, List<String> runs, Map<String, Double> floors) {
            this.identity = identity;
            this.runs = runs;
            this.floors = floors;
        }

        /**
         * Calibrates from two or more runs of the same code on one machine. Each run contributes a row's
         * {@link ResultRow#center()}, the figure a comparison judges: the median over forks, or over
         * iterations for runs with one fork.
         */
        public static NoiseFloor calibrate(List<ResultSet> sets) {
            if (sets.size() < 2) {
                throw new BadInput("calibration needs at least two runs of the same code");
            }
            Map<String, List<Double>> medians = new TreeMap<>();
            for (ResultSet set : sets) {
                for (ResultRow row : set.rows()) {
                    medians.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row.center());
                }
            }
            Map<String, Double> floors = new TreeMap<>();
            medians.forEach((key, values) -> {
                if (values.size() >= 2) {
                    double spread = Math.log(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                            / values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
                    floors.put(key, Math.exp(spread * SAFETY) - 1);
                }
            });
            Fingerprint fingerprint = sets.get(0).fingerprint();
            return new NoiseFloor(fingerprint == null ? Map.of() : fingerprint.identity(),
                    sets.stream().map(s -> s.json().toString()).toList(), floors);
        }

        public static NoiseFloor read(Path file) {
            try {
                JsonNode root = readObject(file, "floors", file + " is not a noise-floor file (expected an object with \"floors\")");
                Map<String, Double> floors = new TreeMap<>();
                root.get("floors").fields().forEachRemaining(f -> floors.put(f.getKey(), f.getValue().asDouble()));
                @SuppressWarnings("unchecked")
                Map<String, Object> identity = JSON.convertValue(root.path("identity"), LinkedHashMap.class);
                List<String> runs = new ArrayList<>();
                root.path("runs").forEach(r -> runs.add(r.asText()));
                return new NoiseFloor(identity == null ? Map.of() : identity, runs, floors);
            } catch (JsonProcessingException e) {
                throw new BadInput(file + " is not valid JSON (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw new BadInput("cannot read " + file + ": " + e.getMessage());
            }
        }

        public void write(Path file) throws IOException {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("about", "per-row drift between repeated runs of the same code (A/A), times " + SAFETY
                    + "; written by scripts/calibrate, read by scripts/compare");
            out.put("identity", identity);
            out.put("runs", runs);
            out.put("floors", floors);
            JSON.writeValue(file.toFile(), out);
        }

        /** The smallest change of this row that is not noise, as a fraction; 0 if the row was not calibrated. */
        public double floor(String key) {
            return floors.getOrDefault(key, 0.0);
        }

        /** True when it was calibrated on the machine and JVM that {@code fingerprint} describes. */
        public boolean appliesTo(Fingerprint fingerprint) {
            return fingerprint != null && String.valueOf(JSON.convertValue(identity, Object.class))
                    .equals(String.valueOf(fingerprint.identity()));
        }

        public Map<String, Double> floors() {
            return floors;
        }

        public int runCount() {
            return runs.size();
        }
    }

    /**
     * Each row's noise as an A/A run of scripts/ab measured it: the standard deviation of the per-pair
     * log ratios when baseline and candidate are the same code, so nothing but the machine and the JVM
     * moves them. An A/B run's own spread also holds whatever the change does (a change that helps
     * some forks and not others), so the smallest detectable effect ({@link GateStatistics.DetectableEffect}) is best
     * computed from this file; written as aa.json by every A/A run, read with {@code scripts/ab --aa FILE}.
     */
    public static final class AaSpread {

        /** A row's spread and the kept pairs it came from. */
        public record Spread(double sd, int pairs) {
        }

        private final Map<String, Spread> rows;

        private AaSpread(Map<String, Spread> rows) {
            this.rows = rows;
        }

        public static AaSpread of(List<PairedRow> rows) {
            Map<String, Spread> spreads = new TreeMap<>();
            for (PairedRow row : rows) {
                // a row whose pairs were too few (set aside when the floor moved) is listed too, its spread unknown
                spreads.put(row.key(), new Spread(row.spread(), row.kept().size()));
            }
            return new AaSpread(spreads);
        }

        public static AaSpread read(Path file) {
            try {
                JsonNode root = readObject(file, "rows",
                        file + " is not an A/A spread file (expected an object with \"rows\", as scripts/ab writes aa.json)");
                Map<String, Spread> spreads = new TreeMap<>();
                root.get("rows").fields().forEachRemaining(e -> spreads.put(e.getKey(),
                        new Spread(e.getValue().path("sd").asDouble(Double.NaN), e.getValue().path("pairs").asInt())));
                return new AaSpread(spreads);
            } catch (IOException e) {
                throw new BadInput("cannot read the A/A spread file " + file + ": " + e.getMessage());
            }
        }

        public void write(Path file) throws IOException {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("about", "per-row standard deviation of paired log ratios (candidate/baseline) from an A/A run of scripts/ab;"
                    + " read with scripts/ab --aa FILE for the smallest detectable slowdown");
            Map<String, Object> byRow = new TreeMap<>();
            rows.forEach((key, s) -> byRow.put(key, Map.of("sd", Double.isNaN(s.sd()) ? (Object) ("unknown (" + s.pairs()
                    + " pairs kept: too few for a spread)") : s.sd(), "pairs", s.pairs())));
            out.put("rows", byRow);
            JSON.writeValue(file.toFile(), out);
        }

        /** The row's A/A spread, or null if the A/A run did not measure it or kept too few pairs to know it. */
        public Spread get(String key) {
            Spread spread = rows.get(key);
            return spread == null || Double.isNaN(spread.sd()) ? null : spread;
        }

        public Map<String, Spread> rows() {
            return rows;
        }
    }
}
