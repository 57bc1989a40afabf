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

/**
 * How far two runs of the same code drift apart on this machine, row by row, measured from
 * repeated runs (A/A). Iterations within one run cannot show it: on a noisy 2-vCPU VM a row can be
 * steady within each run yet land 50 % higher in the next (thread placement, JIT timing,
 * batching), so a test on within-run data alone raises false alarms. A comparison treats a change
 * as real only beyond the row's floor: the largest drift seen between calibration runs, times
 * {@link #SAFETY}.
 */
public final class NoiseFloor {
    public static final double SAFETY = 1.25;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.path("floors").isObject()) {
                throw new BadInput(file + " is not a noise-floor file (expected an object with \"floors\")");
            }
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
