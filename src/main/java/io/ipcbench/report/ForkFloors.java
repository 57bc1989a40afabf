package io.ipcbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.stat.StatUtils;

import io.ipcbench.floor.FloorDrift;
import io.ipcbench.floor.ForkFloorProfiler;

/**
 * The forks of a run that ran on another machine than the rest, as far as the floor measured in
 * each fork ({@link ForkFloorProfiler}, the cross-CPU stream right after its trial) can tell: those
 * whose reading is more than {@link FloorDrift#FACTOR}× from the median over every fork of the
 * run. The host moves the two vCPUs, and a row measured in the other placement differs from its
 * neighbours by the machine, not by its mechanism; the warning names such rows so that a reader
 * does not compare them with the rest.
 */
public final class ForkFloors {
    /** Rows named in the warning before "and N more". */
    private static final int NAMED = 6;

    private ForkFloors() {
    }

    /**
     * One fork's reading: the cross-CPU stream and, from runs that measure it, the cross-CPU
     * wake-up round trip ({@value ForkFloorProfiler#WAKE_UP_METRIC}, µs; NaN when not measured).
     */
    public record Reading(ResultRow row, int fork, double gbps, double wakeUpMicros) {
        /** A reading without the wake-up round trip (runs from before it was measured in every fork). */
        public Reading(ResultRow row, int fork, double gbps) {
            this(row, fork, gbps, Double.NaN);
        }

        String text() {
            return row.benchmark() + " " + row.paramsText() + " fork " + (fork + 1) + ": " + Formats.number(gbps) + " GB/s";
        }
    }

    /** Every fork's reading, in the rows' order; empty for a run without the metric. */
    public static List<Reading> readings(ResultSet results) {
        List<Reading> readings = new ArrayList<>();
        for (ResultRow row : results.rows()) {
            ResultRow.Metric metric = row.secondary().get(ForkFloorProfiler.METRIC);
            if (metric == null) {
                continue;
            }
            ResultRow.Metric wakeUp = row.secondary().get(ForkFloorProfiler.WAKE_UP_METRIC);
            for (int fork = 0; fork < metric.forks().size(); fork++) {
                double gbps = mean(metric.forks().get(fork));
                if (!Double.isNaN(gbps)) {
                    double micros = wakeUp == null || fork >= wakeUp.forks().size() ? Double.NaN : mean(wakeUp.forks().get(fork));
                    readings.add(new Reading(row, fork, gbps, micros));
                }
            }
        }
        return readings;
    }

    /** The mean of a fork's values (one, as the profiler reports it once a fork); NaN when it has none. */
    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The median reading of the run, NaN without readings. */
    public static double median(List<Reading> readings) {
        return readings.isEmpty() ? Double.NaN : StatUtils.percentile(readings.stream().mapToDouble(Reading::gbps).toArray(), 50);
    }

    /** The readings beyond {@link FloorDrift#FACTOR}× of the run's median. */
    public static List<Reading> apart(List<Reading> readings) {
        double median = median(readings);
        return readings.stream().filter(r -> Math.max(r.gbps(), median) > FloorDrift.FACTOR * Math.min(r.gbps(), median)).toList();
    }

    /** One warning line when some forks ran at another floor than the run's median; empty otherwise. */
    public static List<String> warnings(ResultSet results) {
        List<Reading> readings = readings(results);
        List<Reading> apart = apart(readings);
        if (apart.isEmpty()) {
            return List.of();
        }
        List<String> named = apart.stream().limit(NAMED).map(Reading::text).toList();
        String more = apart.size() > NAMED ? " and " + (apart.size() - NAMED) + " more" : "";
        return List.of(String.format(Locale.ROOT, "%d of %d forks ran while the cross-CPU stream (the floor each fork measures after "
                + "its trial) was more than %s× from the run's median of %s GB/s (%s%s): the host moved the vCPUs, and those "
                + "forks measured another machine; compare them only with forks at the same floor", apart.size(), readings.size(),
                Formats.number(FloorDrift.FACTOR), Formats.number(median(readings)), String.join("; ", named), more));
    }
}
