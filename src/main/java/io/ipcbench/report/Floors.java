package io.ipcbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.apache.commons.math3.stat.StatUtils;

import io.ipcbench.floor.Floor;
import io.ipcbench.floor.FloorDrift;
import io.ipcbench.floor.FloorFigure;
import io.ipcbench.floor.ForkFloorProfiler;

/**
 * The machine's floor as the reports read it (docs/measurement.md, "Measurement"):
 * the cross-CPU stream each fork measured after its trial ({@link Forks}), whether the floor moved
 * within one base/candidate pair of scripts/ab ({@link Move}), and whether it moved between the two
 * result sets of scripts/compare ({@link BetweenSets}). A figure measured at another floor measured
 * another machine, so every report says where the floor moved.
 */
public final class Floors {
    private Floors() {
    }

    /**
     * The forks of a run that ran on another machine than the rest, as far as the floor measured in
     * each fork ({@link ForkFloorProfiler}, the cross-CPU stream right after its trial) can tell: those
     * whose reading is more than {@link FloorDrift#FACTOR}× from the median over every fork of the
     * run. The host moves the two vCPUs, and a row measured in the other placement differs from its
     * neighbours by the machine, not by its mechanism; the warning names such rows so that a reader
     * does not compare them with the rest.
     */
    public static final class Forks {
        /** Rows named in the warning before "and N more". */
        private static final int NAMED = 6;

        private Forks() {
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
                return row.name() + " fork " + (fork + 1) + ": " + Formats.number(gbps) + " GB/s";
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
                List<Double> wakeUps = wakeUp == null ? List.of() : wakeUp.perFork();
                List<Double> gbps = metric.perFork();
                for (int fork = 0; fork < gbps.size(); fork++) {
                    if (!Double.isNaN(gbps.get(fork))) {
                        readings.add(new Reading(row, fork, gbps.get(fork), fork < wakeUps.size() ? wakeUps.get(fork) : Double.NaN));
                    }
                }
            }
            return readings;
        }

        /** The median reading of the run, NaN without readings. */
        public static double median(List<Reading> readings) {
            return readings.isEmpty() ? Double.NaN : StatUtils.percentile(readings.stream().mapToDouble(Reading::gbps).toArray(), 50);
        }

        /** The readings beyond {@link FloorDrift#FACTOR}× of the run's median. */
        public static List<Reading> apart(List<Reading> readings) {
            double median = median(readings);
            return readings.stream().filter(r -> Move.moved(r.gbps(), median)).toList();
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

    /**
     * Whether the machine's floor moved within one base/candidate pair: the cache-line round trip
     * between the two CPUs, as each fork's launcher recorded it at its start and end (fingerprint.json,
     * "floor"), and the cross-CPU stream each JMH fork measured right after its trial
     * ({@code floor.stream}). They are the figures that show the host moving the vCPUs (on this VM
     * class ~85 → 400 ns, 55 → 9 GB/s), which changes every transport at once; a pair measured across
     * such a move compares two machines, so it is set aside. The wake-up round trip is not used: it
     * follows the load of a shared host from minute to minute, which pairing already cancels, and
     * would set aside most pairs.
     */
    public static final class Move {
        private Move() {
        }

        /** Largest over smallest of the known readings (NaN or ≤ 0 are unknown); 1 with fewer than two. */
        public static double factor(double... readings) {
            double[] known = Arrays.stream(readings).filter(r -> r > 0 && Double.isFinite(r)).toArray();
            if (known.length < 2) {
                return 1;
            }
            return Arrays.stream(known).max().orElseThrow() / Arrays.stream(known).min().orElseThrow();
        }

        /** True when the floor moved beyond {@link FloorDrift#FACTOR} within the readings. */
        public static boolean moved(double... readings) {
            return factor(readings) > FloorDrift.FACTOR;
        }
    }

    /**
     * Whether two result sets were measured on the same machine as far as its floor can tell: the
     * figures each run recorded at its start and end (fingerprint.json, "floor"), all four readings
     * of each figure taken together. On this class of VM the host moves the two vCPUs between runs as
     * well as within one — the cross-CPU stream went from 55 to 9 GB/s, and every shared-memory
     * stream with it — so a comparison of two runs says, beside its verdicts, whether the machine
     * under them moved.
     */
    public static final class BetweenSets {
        private BetweenSets() {
        }

        /** One Markdown bullet: the floor agreed, or which figures moved and how far; empty when either set has no floor. */
        public static String note(Fingerprint baseline, Fingerprint candidate) {
            if (baseline == null || candidate == null) {
                return "";
            }
            Map<String, Floor> base = baseline.floors();
            Map<String, Floor> cand = candidate.floors();
            if (base.isEmpty() || cand.isEmpty()) {
                return "";
            }
            List<String> moved = new ArrayList<>();
            for (FloorFigure figure : FloorFigure.values()) {
                double[] readings = {value(base.get("start"), figure), value(base.get("end"), figure),
                    value(cand.get("start"), figure), value(cand.get("end"), figure)};
                if (Move.moved(readings)) {
                    moved.add(figure.label() + ": baseline " + range(figure, readings[0], readings[1]) + ", candidate "
                            + range(figure, readings[2], readings[3]));
                }
            }
            if (moved.isEmpty()) {
                return String.format(java.util.Locale.ROOT, "- The machine's floor (recorded at the start and end of each run) agreed within %s× across both sets.%n",
                        Formats.number(FloorDrift.FACTOR));
            }
            return "- ⚠️ The machine's floor moved across the two sets (" + String.join("; ", moved) + "): the host moved or loaded "
                    + "the vCPUs, so a row that changed with it may reflect the machine, not the code (README, \"The floor beside the figure\").\n";
        }

        private static double value(Floor floor, FloorFigure figure) {
            OptionalDouble value = floor.value(figure);
            return value.isPresent() ? value.getAsDouble() : Double.NaN;
        }

        private static String range(FloorFigure figure, double start, double end) {
            return (Double.isNaN(start) ? "?" : figure.format(start)) + " → " + (Double.isNaN(end) ? "?" : figure.format(end));
        }
    }
}
