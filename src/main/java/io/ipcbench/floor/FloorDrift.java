package io.ipcbench.floor;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Whether the floor moved between the start and the end of a run. A figure that changed by more
 * than {@link #FACTOR} either way (the ratio of the larger to the smaller) means the machine
 * changed under the run — on this class of VM the host moves the vCPUs and the cache-line round
 * trip swings from ~190 to ~730 ns — so the run's figures may mix two machines. Figures that are
 * unknown at either end are not judged.
 */
public final class FloorDrift {
    /** Beyond this ratio a figure counts as moved: above the few-percent drift of a steady machine. */
    public static final double FACTOR = 1.5;

    private FloorDrift() {
    }

    /** One phrase per moved figure, e.g. "cache-line RTT 191 ns → 731 ns"; empty if none moved. */
    public static List<String> moved(Floor start, Floor end, double factor) {
        List<String> moved = new ArrayList<>();
        for (FloorFigure figure : FloorFigure.values()) {
            OptionalDouble before = start.value(figure);
            OptionalDouble after = end.value(figure);
            if (before.isEmpty() || after.isEmpty()) {
                continue;
            }
            double a = before.getAsDouble();
            double b = after.getAsDouble();
            if (Math.max(a, b) > factor * Math.min(a, b)) {
                moved.add(figure.label() + " " + figure.format(a) + " → " + figure.format(b));
            }
        }
        return moved;
    }

    /** The line printed at the end of a run whose floor moved. */
    public static String warning(List<String> moved) {
        return "ipc-bench: the machine's floor moved during the run: " + String.join("; ", moved) + "; compare its figures with care";
    }
}
