package io.ipcbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.ipcbench.core.BadInput;

/**
 * Each row's noise as an A/A run of scripts/ab measured it: the standard deviation of the per-pair
 * log ratios when baseline and candidate are the same code, so nothing but the machine and the JVM
 * moves them. An A/B run's own spread also holds whatever the change does (a change that helps
 * some forks and not others), so the smallest detectable effect ({@link DetectableEffect}) is best
 * computed from this file; written as aa.json by every A/A run, read with {@code scripts/ab --aa FILE}.
 */
public final class AaSpread {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.path("rows").isObject()) {
                throw new BadInput(file + " is not an A/A spread file (expected an object with \"rows\", as scripts/ab writes aa.json)");
            }
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
