package io.ipcbench.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * One JMH result (benchmark × params × mode) in the form the reports need: the score, its per-
 * iteration values (the unit of the significance test), percentiles, and secondary metrics.
 *
 * @param benchmark the method, shortened to {@code Class.method}
 * @param iterations per-iteration scores over all forks; for sample-time, each iteration's median
 */
public record ResultRow(String benchmark, String mode, SortedMap<String, String> params, String unit, double score,
        List<Double> iterations, Map<String, Double> percentiles, Map<String, Metric> secondary) {

    /** A secondary metric: its score, unit and per-iteration values. */
    public record Metric(double score, String unit, List<Double> iterations) {
    }

    /** Identity across result sets: benchmark, every param, mode. */
    public String key() {
        return benchmark + " " + paramsText() + " " + mode;
    }

    public String paramsText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** True when a smaller score is better: times per op (us/op, ns/msg); false for rates (ops/s). */
    public static boolean lowerIsBetter(String unit) {
        return !unit.endsWith("/s") && !unit.endsWith("/min") && !unit.endsWith("/ms") && !unit.endsWith("/us");
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter(unit);
    }

    public boolean isRoundTrip() {
        return benchmark.endsWith("roundTrip");
    }

    public boolean isStream() {
        return benchmark.endsWith("stream");
    }
}
