package io.ipcbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.math3.stat.StatUtils;

import io.ipcbench.floor.FloorDrift;
import io.ipcbench.floor.ForkFloorProfiler;

/**
 * The placements the host gave the two vCPUs during a run, told apart by the floor every fork
 * measured right after its trial ({@link ForkFloorProfiler}: the cross-CPU stream and, where
 * measured, the cross-CPU wake-up round trip), and which fork ran in which (docs/measurement.md,
 * "Measurement"). On this class of VM the host moves the vCPUs for minutes at a time between a
 * placement that streams ~42–62 GB/s and one that streams ~6–13, nothing between; a figure over
 * forks of both blends two machines. Rows are therefore read, compared and paired per placement.
 *
 * <p>How: the number of placements is not assumed. The forks' readings, on a log scale and sorted,
 * are cut wherever two neighbours lie more than {@link FloorDrift#FACTOR}× apart — the factor at
 * which the suite calls a floor moved. Within a placement the stream spreads up to ~2× from fork to
 * fork but continuously, so no gap that wide opens inside it; between the two placements it jumps
 * by 2.5× or more. A host that never moved gives one placement; one that used three gives three.
 * The wake-up round trip cuts the same way within each stream class, but it drifts with the shared
 * host's load from minute to minute, so a cut counts only when each side holds at least
 * {@link #MIN_WAKE_UP_SHARE} of the forks (and 3): a few slow wake-ups make no placement. Forks
 * without a wake-up reading (older runs) are classed by the stream alone.
 *
 * <p>Groups are ordered fastest first: the higher stream, then the quicker wake-up. Their names:
 * "only" for one, "fast" and "slow" for two, "fast", "middle" and "slow" for three, "placement 1"
 * … "placement n" beyond.
 */
public final class HostPlacements {
    /** A wake-up cut needs this share of the forks on each side. */
    static final double MIN_WAKE_UP_SHARE = 0.1;
    private static final int MIN_WAKE_UP_FORKS = 3;

    /**
     * One placement.
     *
     * @param forks how many forks of the run measured it
     * @param streamGbps the median of their {@value ForkFloorProfiler#METRIC}
     * @param wakeUpMicros the median of their {@value ForkFloorProfiler#WAKE_UP_METRIC}, NaN if not measured
     */
    public record Group(String name, int forks, double streamGbps, double wakeUpMicros) {
        /** "fast: 17 forks, cross-CPU stream 55.1 GB/s, wake-up 38.2 µs". */
        public String text() {
            return name + ": " + forks + (forks == 1 ? " fork" : " forks") + ", cross-CPU stream " + Formats.number(streamGbps) + " GB/s"
                    + (Double.isNaN(wakeUpMicros) ? "" : ", wake-up " + Formats.number(wakeUpMicros) + " µs");
        }
    }

    private final List<Group> groups;
    /**
     * Row → per fork index, its group. By the row's value, not its key: a comparison classes the
     * forks of two result sets together, whose rows share keys.
     */
    private final Map<ResultRow, Map<Integer, Group>> byFork;

    private HostPlacements(List<Group> groups, Map<ResultRow, Map<Integer, Group>> byFork) {
        this.groups = List.copyOf(groups);
        this.byFork = byFork;
    }

    public static HostPlacements of(ResultSet results) {
        return of(Floors.Forks.readings(results));
    }

    /** The placements of these readings (a run's, or any other set of them). */
    public static HostPlacements of(List<Floors.Forks.Reading> readings) {
        List<Group> perReading = classify(readings.stream().map(r -> new double[] {r.gbps(), r.wakeUpMicros()}).toList());
        Map<ResultRow, Map<Integer, Group>> byFork = new HashMap<>();
        for (int i = 0; i < readings.size(); i++) {
            if (perReading.get(i) != null) {
                byFork.computeIfAbsent(readings.get(i).row(), k -> new HashMap<>()).put(readings.get(i).fork(), perReading.get(i));
            }
        }
        return new HostPlacements(distinct(perReading), byFork);
    }

    /**
     * Each fork's placement from its floor alone, for forks that are not rows of a result set
     * (scripts/ab's single forks): {@code floors.get(i)} is fork i's {stream GB/s, wake-up µs}, NaN
     * where unknown; the answer holds its group, or null when it has no stream reading.
     */
    public static List<Group> classify(List<double[]> floors) {
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < floors.size(); i++) {
            if (floors.get(i)[0] > 0 && Double.isFinite(floors.get(i)[0])) {
                usable.add(i);
            }
        }
        java.util.function.IntToDoubleFunction stream = i -> floors.get(i)[0];
        java.util.function.IntToDoubleFunction wakeUp = i -> floors.get(i)[1];
        java.util.function.IntPredicate timed = i -> floors.get(i)[1] > 0 && Double.isFinite(floors.get(i)[1]);
        List<List<Integer>> classes = new ArrayList<>();
        for (List<Integer> byStream : cut(usable, stream, 1)) {
            List<Integer> withWakeUp = byStream.stream().filter(timed::test).toList();
            List<Integer> without = byStream.stream().filter(i -> !timed.test(i)).toList();
            int least = Math.max(MIN_WAKE_UP_FORKS, (int) Math.ceil(MIN_WAKE_UP_SHARE * byStream.size()));
            List<List<Integer>> byWakeUp = new ArrayList<>(cut(withWakeUp, wakeUp, least));
            if (byWakeUp.size() <= 1) {
                classes.add(byStream); // one wake-up class (or none measured): the stream class as it is
            } else {
                // a fork without a wake-up reading cannot be told between them: it joins the class of most forks
                List<Integer> largest = byWakeUp.stream().max(Comparator.comparingInt(List::size)).orElseThrow();
                List<Integer> merged = new ArrayList<>(largest);
                merged.addAll(without);
                byWakeUp.set(byWakeUp.indexOf(largest), merged);
                classes.addAll(byWakeUp);
            }
        }
        record Class(List<Integer> forks, double stream, double wakeUp) {
        }
        List<Class> sorted = classes.stream().map(c -> new Class(c, median(c, stream),
                median(c.stream().filter(timed::test).toList(), wakeUp)))
                .sorted(Comparator.comparingDouble((Class c) -> -c.stream())
                        .thenComparingDouble(c -> Double.isNaN(c.wakeUp()) ? Double.MAX_VALUE : c.wakeUp()))
                .toList();
        List<Group> perFork = new ArrayList<>(java.util.Collections.nCopies(floors.size(), (Group) null));
        for (int i = 0; i < sorted.size(); i++) {
            Class c = sorted.get(i);
            Group group = new Group(name(i, sorted.size()), c.forks().size(), c.stream(), c.wakeUp());
            c.forks().forEach(fork -> perFork.set(fork, group));
        }
        return perFork;
    }

    /** The groups of forks classed by {@link #classify}, each once, fastest first. */
    private static List<Group> distinct(List<Group> perFork) {
        return perFork.stream().filter(java.util.Objects::nonNull).distinct().sorted(Comparator.comparingInt(g -> order(g.name()))).toList();
    }

    /** Where a group's name puts it among the groups, fastest first. */
    private static int order(String name) {
        return switch (name) {
            case "only", "fast" -> 0;
            case "middle" -> 1;
            case "slow" -> 2;
            default -> Integer.parseInt(name.substring(name.lastIndexOf(' ') + 1));
        };
    }

    /**
     * The readings cut into classes at every gap of more than {@link FloorDrift#FACTOR}× between
     * neighbours in sorted order; a cut that would leave fewer than {@code least} readings on a side
     * is not made (the smallest class joins its nearer neighbour), so noise makes no class of its own.
     */
    static List<List<Integer>> cut(List<Integer> forks, java.util.function.IntToDoubleFunction value, int least) {
        if (forks.isEmpty()) {
            return List.of();
        }
        List<Integer> sorted = forks.stream().sorted(Comparator.comparingDouble(value::applyAsDouble)).toList();
        List<Integer> cuts = new ArrayList<>(); // index of the first fork of each class after the first
        for (int i = 1; i < sorted.size(); i++) {
            if (value.applyAsDouble(sorted.get(i)) > FloorDrift.FACTOR * value.applyAsDouble(sorted.get(i - 1))) {
                cuts.add(i);
            }
        }
        // drop cuts around classes that are too small, the smallest class first, until every class is large enough
        while (!cuts.isEmpty()) {
            int smallest = -1;
            int smallestSize = Integer.MAX_VALUE;
            for (int c = 0; c <= cuts.size(); c++) {
                int from = c == 0 ? 0 : cuts.get(c - 1);
                int to = c == cuts.size() ? sorted.size() : cuts.get(c);
                if (to - from < smallestSize) {
                    smallestSize = to - from;
                    smallest = c;
                }
            }
            if (smallestSize >= least) {
                break;
            }
            // merge it across the narrower of its two boundaries (the only one, at either end)
            int left = smallest - 1; // the cut before it, if any
            int right = smallest; // the cut after it, if any
            if (left < 0) {
                cuts.remove(right);
            } else if (right >= cuts.size()) {
                cuts.remove(left);
            } else {
                cuts.remove(gap(sorted, value, cuts.get(left)) <= gap(sorted, value, cuts.get(right)) ? left : right);
            }
        }
        List<List<Integer>> classes = new ArrayList<>();
        int from = 0;
        for (int to : cuts) {
            classes.add(sorted.subList(from, to));
            from = to;
        }
        classes.add(sorted.subList(from, sorted.size()));
        return classes;
    }

    /** The ratio across the cut before index {@code at}. */
    private static double gap(List<Integer> sorted, java.util.function.IntToDoubleFunction value, int at) {
        return value.applyAsDouble(sorted.get(at)) / value.applyAsDouble(sorted.get(at - 1));
    }

    private static double median(List<Integer> forks, java.util.function.IntToDoubleFunction value) {
        return forks.isEmpty() ? Double.NaN : StatUtils.percentile(forks.stream().mapToDouble(value::applyAsDouble).toArray(), 50);
    }

    private static String name(int index, int count) {
        if (count == 1) {
            return "only";
        }
        if (count == 2) {
            return index == 0 ? "fast" : "slow";
        }
        if (count == 3) {
            return List.of("fast", "middle", "slow").get(index);
        }
        return "placement " + (index + 1);
    }

    /** The placements, fastest first: one when the host never moved; none when the run has no fork floors. */
    public List<Group> groups() {
        return groups;
    }

    /** The placement fork {@code fork} (0-based) of {@code row} ran in; null when that fork has no floor reading. */
    public Group groupOf(ResultRow row, int fork) {
        Map<Integer, Group> forks = byFork.get(row);
        return forks == null ? null : forks.get(fork);
    }

    /**
     * The row restricted to each placement its forks ran in, fastest first: per placement a row with
     * only those forks — their per-iteration values, fork scores and every secondary metric's forks,
     * the score recomputed from them. Latency percentiles: kept when every fork is in the placement;
     * else those forks' own where they were read per fork from histogram logs, else recomputed from the
     * restricted {@code rtt.*} metrics where the row has them (per iteration, count-weighted), else null.
     * Forks without a reading are in no placement.
     */
    public Map<Group, ResultRow> split(ResultRow row) {
        Map<Group, List<Integer>> forks = new LinkedHashMap<>();
        for (Group group : groups) {
            List<Integer> in = new ArrayList<>();
            for (int fork = 0; fork < row.forkCount(); fork++) {
                if (group.equals(groupOf(row, fork))) {
                    in.add(fork);
                }
            }
            if (!in.isEmpty()) {
                forks.put(group, in);
            }
        }
        Map<Group, ResultRow> split = new LinkedHashMap<>();
        forks.forEach((group, in) -> split.put(group, restrict(row, in)));
        return split;
    }

    /** The row with only these forks (indices into its forks, in order). */
    static ResultRow restrict(ResultRow row, List<Integer> keep) {
        if (keep.size() == row.forkCount() && keep.equals(java.util.stream.IntStream.range(0, row.forkCount()).boxed().toList())) {
            return row;
        }
        List<List<Double>> forks = pick(row.forks(), keep);
        List<Double> forkScores = keep.stream().filter(i -> i < row.forkScores().size()).map(row.forkScores()::get).toList();
        Map<String, ResultRow.Metric> secondary = new LinkedHashMap<>();
        row.secondary().forEach((name, metric) -> {
            List<List<Double>> picked = pick(metric.forks(), keep);
            double[] values = ResultRow.flatten(picked).stream().mapToDouble(Double::doubleValue).toArray();
            double score = metric.forks().isEmpty() ? metric.score() : values.length == 0 ? Double.NaN : StatUtils.mean(values);
            secondary.put(name, new ResultRow.Metric(score, metric.unit(), picked));
        });
        double[] iterations = ResultRow.flatten(forks).stream().mapToDouble(Double::doubleValue).toArray();
        double score = iterations.length > 0 ? StatUtils.mean(iterations)
                : forkScores.isEmpty() ? Double.NaN : StatUtils.percentile(forkScores.stream().mapToDouble(Double::doubleValue).toArray(), 50);
        Latency latency = row.latency() == null || row.latency().source() == Latency.Source.SAMPLE_TIME ? null
                : restricted(row.latency(), keep, row.forkCount(), secondary, Latency.ROUND_TRIP_PREFIX);
        Latency oneWay = row.oneWay() == null ? null : restricted(row.oneWay(), keep, row.forkCount(), secondary, Latency.ONE_WAY_PREFIX);
        return new ResultRow(row.benchmark(), row.mode(), row.params(), row.unit(), score, forks, forkScores, secondary, latency, oneWay);
    }

    /**
     * Percentiles read per fork from histogram logs keep those forks' values, so that a row split by placement
     * is judged by the same p50 as a row kept whole (the per-iteration percentiles' weighted mean differs from
     * a fork's merged histogram by up to ~40 % where its iterations did); the others are recomputed from the
     * restricted metrics.
     */
    private static Latency restricted(Latency latency, List<Integer> keep, int forkCount, Map<String, ResultRow.Metric> secondary,
            String prefix) {
        Latency kept = latency.forks(keep, forkCount);
        return kept != null ? kept : Latency.fromSecondary(secondary, prefix);
    }

    private static List<List<Double>> pick(List<List<Double>> forks, List<Integer> keep) {
        return keep.stream().filter(i -> i < forks.size()).map(forks::get).toList();
    }

    /** "2 placements: fast 17 forks, slow 31 forks", "1 placement: 48 forks", or "no fork floors" for a run without them. */
    public String summary() {
        return summary(groups);
    }

    /** {@link #summary()} of forks classed by {@link #classify}. */
    public static String summaryOf(List<Group> perFork) {
        return summary(distinct(perFork));
    }

    private static String summary(List<Group> groups) {
        if (groups.isEmpty()) {
            return "no fork floors";
        }
        int total = groups.stream().mapToInt(Group::forks).sum();
        if (groups.size() == 1) {
            return "1 placement: " + total + (total == 1 ? " fork" : " forks");
        }
        return groups.size() + " placements: " + groups.stream().map(g -> g.name() + " " + g.forks() + (g.forks() == 1 ? " fork" : " forks"))
                .collect(Collectors.joining(", "));
    }

    /**
     * The rows whose forks ran in one placement only while the run saw several ("RoundTripBenchmark.roundTrip
     * transport=pipe payload=64 (slow)"), in the set's order; empty when the run saw one placement.
     */
    public List<String> seenInOnlyOne(ResultSet results) {
        if (groups.size() < 2) {
            return List.of();
        }
        List<String> rows = new ArrayList<>();
        for (ResultRow row : results.rows()) {
            Map<Group, ResultRow> split = split(row);
            if (split.size() == 1) {
                rows.add(row.name() + " (" + split.keySet().iterator().next().name() + ")");
            }
        }
        return rows;
    }

    @Override
    public String toString() {
        return summary() + groups.stream().map(Group::text).collect(Collectors.joining("; ", " [", "]"));
    }
}
