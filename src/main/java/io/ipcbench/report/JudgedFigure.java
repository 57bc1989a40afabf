package io.ipcbench.report;

import java.util.List;

import io.ipcbench.report.ResultRow.Direction;

/**
 * The figure scripts/ab and scripts/compare judge a row by, fork by fork. A round trip timed per
 * operation is judged by its fork's RTT p50, the figure the report's verdict and charts lead with:
 * its paired log ratios spread less than the JMH score's (the mean round trip, which carries every
 * stall of the hypervisor in its tail: 0.06–0.25 against 0.08–0.79 on four rows over four gate
 * runs), so the same pairs see a smaller slowdown (results/README.md, "The gate judges a round trip
 * by its p50"). Every other row — streams, load, a round trip in throughput mode, one without
 * per-fork percentiles (JMH's SampleTime ones are pooled over forks) — is judged by its JMH score.
 * A noise file records the figure each row's spread was taken of ({@link Noise.Spread#figure}), so a
 * spread of one figure never sets the MDE or the floor of another.
 *
 * @param name {@link #SCORE} or {@link #RTT_P50}
 * @param unit the unit its values are in
 * @param perFork its value in each fork of the row
 */
public record JudgedFigure(String name, String unit, List<Double> perFork) {
    public static final String SCORE = "score";
    public static final String RTT_P50 = "RTT p50";

    /** The row's judged figure: its RTT p50 (µs) where it is a round trip with enough samples for one, else its score. */
    public static JudgedFigure of(ResultRow row) {
        JudgedFigure p50 = p50(row, row.latency());
        return p50 != null ? p50 : score(row);
    }

    /**
     * The row's RTT p50 from its per-iteration percentiles (the {@code rtt.*} metrics, count-weighted per fork), or
     * null without them: what two rows are compared by when only one has histogram logs, since a fork's merged
     * histogram and its iterations' weighted mean differ by up to ~40 % where its iterations did.
     */
    public static JudgedFigure ofIterations(ResultRow row) {
        return p50(row, Latency.fromSecondary(row.secondary(), Latency.ROUND_TRIP_PREFIX));
    }

    private static JudgedFigure p50(ResultRow row, Latency latency) {
        // JMH's SampleTime percentiles are pooled over forks (and in the score's unit): not a fork's own p50
        Latency.Percentile p50 = row.isRoundTrip() && Direction.higherIsSlower(row.mode()) && latency != null
                && latency.source() != Latency.Source.SAMPLE_TIME ? latency.get("p50") : null;
        if (p50 != null && p50.supported() && p50.value().values().size() == row.forkCount()) {
            return new JudgedFigure(RTT_P50, "µs", p50.value().values());
        }
        return null;
    }

    /** The row's score, fork by fork. */
    public static JudgedFigure score(ResultRow row) {
        return new JudgedFigure(SCORE, row.unit(), row.forkScores());
    }

    /** "µs RTT p50" or "us/op": what a value of it is, as a table prints it after the number. */
    public String label() {
        return label(name, unit);
    }

    /** {@link #label()} of the figure {@code name} in {@code unit}. */
    public static String label(String name, String unit) {
        return SCORE.equals(name) ? unit : unit + " " + name;
    }
}
