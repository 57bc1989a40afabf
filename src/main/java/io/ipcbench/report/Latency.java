package io.ipcbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.AbstractHistogram;

/**
 * The round-trip percentiles of one row, where they come from, and how many samples stand behind
 * each. Three sources, best first:
 * <ol>
 * <li>the HdrHistogram logs of every round trip: a fork's iterations are merged into one histogram,
 * each percentile is read per fork, and the figure is the median over forks;</li>
 * <li>the per-iteration secondary metrics {@code rtt.p50 … rtt.max} with {@code rtt.count}: a
 * fork's value is the count-weighted mean of its iterations' percentiles (its max the largest), and
 * each percentile is only as well supported as one iteration's count;</li>
 * <li>JMH's SampleTime percentiles (result sets from before the suite recorded every round trip),
 * pooled by JMH over all forks from the samples it kept.</li>
 * </ol>
 * A percentile q is shown only when at least {@link #MIN_BEYOND} samples lie beyond it, i.e.
 * samples × (1 − q) ≥ 10; fewer, and the figure is little more than the largest few values
 * (p99.99 of 5,000 round trips is half a sample), so it reads "n/a (5,000 samples)". The max is
 * an observation, not an estimate, and is always shown with its count.
 *
 * @param samples round trips behind each percentile (per fork, per iteration or in total, as
 *        {@link Source#per} says; the smallest where they differ), or -1 when unknown
 */
public record Latency(Source source, long samples, List<Percentile> percentiles) {
    public static final int MIN_BEYOND = 10;

    /** A level: its label (the secondary metric's name after its prefix), share of samples beyond it, and name in JMH's SampleTime output. */
    private record Level(String label, double tail, String jmhKey) {
    }

    private static final List<Level> LEVELS = List.of(
            new Level("p50", 0.5, "50.0"),
            new Level("p90", 0.1, "90.0"),
            new Level("p99", 0.01, "99.0"),
            new Level("p99.9", 0.001, "99.9"),
            new Level("p99.99", 0.0001, "99.99"),
            new Level("max", 0, "100.0"));
    /** The round trips' secondary metrics: {@code rtt.p50} … */
    public static final String ROUND_TRIP_PREFIX = "rtt.";
    /** The one-way messages' secondary metrics: {@code oneway.p50} … */
    public static final String ONE_WAY_PREFIX = "oneway.";
    public static final String COUNT_METRIC = ROUND_TRIP_PREFIX + "count";

    public enum Source {
        HISTOGRAMS("per fork", "HdrHistogram logs of every round trip, each fork's iterations merged; median over forks"),
        SECONDARY("per iteration", "per-iteration percentiles (secondary metrics rtt.*), count-weighted per fork; median over forks"),
        SAMPLE_TIME("in total", "JMH SampleTime percentiles, pooled over forks from the samples JMH kept");

        private final String per;
        private final String description;

        Source(String per, String description) {
            this.per = per;
            this.description = description;
        }

        /** What one count of samples covers: "per fork", "per iteration", "in total". */
        public String per() {
            return per;
        }

        public String description() {
            return description;
        }
    }

    /**
     * One percentile.
     *
     * @param tail the share of samples beyond it (0.01 for p99; 0 for the max)
     */
    public record Percentile(String label, double tail, ForkEstimate value, long samples) {
        /** Enough samples beyond it to mean something (the max always does: it is an observation). */
        public boolean supported() {
            return tail == 0 || samples < 0 || samples * tail >= MIN_BEYOND - 1e-9;
        }

        /** "88.1", or "n/a (5,000 samples)" when too few samples support it. */
        public String text() {
            return supported() ? Formats.number(value.median()) : "n/a (" + Formats.count(samples) + " samples)";
        }
    }

    /** The percentile with this label ("p50" … "max"); null if the source has none. */
    public Percentile get(String label) {
        return percentiles.stream().filter(p -> p.label().equals(label)).findFirst().orElse(null);
    }

    /** Percentile {@code label} of {@code latency} over forks; null without a latency, without that percentile, or when too few samples support it. */
    static ForkEstimate supported(Latency latency, String label) {
        Percentile percentile = latency == null ? null : latency.get(label);
        return percentile == null || !percentile.supported() ? null : percentile.value();
    }

    /** "13,200 per fork", or "" when unknown. */
    public String samplesText() {
        return samples < 0 ? "" : Formats.count(samples) + " " + source.per();
    }

    /** From one merged histogram per fork, values in nanoseconds. */
    static Latency fromHistograms(List<? extends AbstractHistogram> perFork) {
        long samples = perFork.stream().mapToLong(AbstractHistogram::getTotalCount).min().orElse(0);
        List<Percentile> percentiles = new ArrayList<>();
        for (Level level : LEVELS) {
            List<Double> values = perFork.stream()
                    .map(h -> (level.tail() == 0 ? h.getMaxValue() : h.getValueAtPercentile(100 * (1 - level.tail()))) / 1000.0).toList();
            percentiles.add(new Percentile(level.label(), level.tail(), ForkEstimate.of(values), samples));
        }
        return new Latency(Source.HISTOGRAMS, samples, List.copyOf(percentiles));
    }

    /**
     * The same percentiles over only the forks {@code keep} (indices into the row's {@code forkCount} forks), as
     * {@link HostPlacements#split} restricts a row; null unless they were read per fork from histogram logs (the
     * other sources are recomputed from the restricted metrics instead). The sample count stays the smallest
     * over all forks.
     */
    Latency forks(List<Integer> keep, int forkCount) {
        if (source != Source.HISTOGRAMS) {
            return null;
        }
        List<Percentile> kept = new ArrayList<>();
        for (Percentile percentile : percentiles) {
            List<Double> values = percentile.value().values();
            if (values.size() != forkCount) {
                return null;
            }
            kept.add(new Percentile(percentile.label(), percentile.tail(), ForkEstimate.of(keep.stream().map(values::get).toList()),
                    percentile.samples()));
        }
        return new Latency(source, samples, List.copyOf(kept));
    }

    /** From the secondary metrics {@code <prefix>p50} … {@code <prefix>max} and {@code <prefix>count}; null when the row has none of them. */
    static Latency fromSecondary(Map<String, ResultRow.Metric> secondary, String prefix) {
        ResultRow.Metric counts = secondary.get(prefix + "count");
        long samples = counts == null || counts.iterations().isEmpty() ? -1
                : Math.round(counts.iterations().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        List<Percentile> percentiles = new ArrayList<>();
        for (Level level : LEVELS) {
            ResultRow.Metric metric = secondary.get(prefix + level.label());
            if (metric == null) {
                continue;
            }
            double tail = level.tail();
            double scale = micros(metric.unit());
            List<Double> perFork = new ArrayList<>();
            for (int fork = 0; fork < metric.forks().size(); fork++) {
                List<Double> values = metric.forks().get(fork);
                List<Double> weights = counts != null && fork < counts.forks().size() ? counts.forks().get(fork) : List.of();
                perFork.add(scale * (tail == 0 ? values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
                        : weightedMean(values, weights)));
            }
            if (perFork.isEmpty()) {
                perFork.add(scale * metric.score());
            }
            percentiles.add(new Percentile(level.label(), tail, ForkEstimate.of(perFork), samples));
        }
        return percentiles.isEmpty() ? null : new Latency(Source.SECONDARY, samples, List.copyOf(percentiles));
    }

    /** From JMH's SampleTime score percentiles (keys "50.0" … "100.0"); null when there are none. */
    static Latency fromSampleTime(Map<String, Double> jmhPercentiles, long samples) {
        List<Percentile> percentiles = new ArrayList<>();
        for (Level level : LEVELS) {
            Double value = jmhPercentiles.get(level.jmhKey());
            if (value != null) {
                percentiles.add(new Percentile(level.label(), level.tail(), ForkEstimate.of(List.of(value)), samples));
            }
        }
        return percentiles.isEmpty() ? null : new Latency(Source.SAMPLE_TIME, samples, List.copyOf(percentiles));
    }

    /**
     * Σ value × weight / Σ weight: the mean over a fork's iterations, each counted by its number of
     * operations (so it is total ÷ operations), or the plain mean when the weights do not line up.
     */
    static double weightedMean(List<Double> values, List<Double> weights) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        double total = 0;
        boolean weighted = weights.size() == values.size() && weights.stream().allMatch(w -> w > 0);
        for (int i = 0; i < values.size(); i++) {
            double weight = weighted ? weights.get(i) : 1;
            sum += values.get(i) * weight;
            total += weight;
        }
        return sum / total;
    }

    /** Factor from a time unit to microseconds ("us" is what the suite writes). */
    static double micros(String unit) {
        return switch (unit.replace("/op", "")) {
            case "ns" -> 1e-3;
            case "ms" -> 1e3;
            case "s" -> 1e6;
            default -> 1;
        };
    }
}
