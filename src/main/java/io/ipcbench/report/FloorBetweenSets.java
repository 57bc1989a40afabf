package io.ipcbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.ipcbench.floor.Floor;
import io.ipcbench.floor.FloorDrift;
import io.ipcbench.floor.FloorFigure;

/**
 * Whether two result sets were measured on the same machine as far as its floor can tell: the
 * figures each run recorded at its start and end (fingerprint.json, "floor"), all four readings
 * of each figure taken together. On this class of VM the host moves the two vCPUs between runs as
 * well as within one — the cross-CPU stream went from 55 to 9 GB/s, and every shared-memory
 * stream with it — so a comparison of two runs says, beside its verdicts, whether the machine
 * under them moved.
 */
public final class FloorBetweenSets {
    private FloorBetweenSets() {
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
            if (FloorMove.factor(readings) > FloorDrift.FACTOR) {
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
