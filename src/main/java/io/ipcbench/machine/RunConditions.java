package io.ipcbench.machine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ipcbench.core.Unknown;
import io.ipcbench.floor.Floor;
import io.ipcbench.floor.FloorDrift;

/**
 * What the machine was like while a run measured: its floor before the first trial and after the
 * last, and the CPU time the hypervisor stole in between. Started just before JMH runs and
 * finished just after, by the launcher; recorded in fingerprint.json as "floor" and "steal".
 * None of it decides whether two runs may be compared — it says how far to trust a difference.
 */
public final class RunConditions {
    private final Floor startFloor;
    private final StealTime startSteal;
    /** Why nothing was measured, for a run folder finished without a run (a test); null for a real run. */
    private final String notMeasured;
    private Floor endFloor;
    private StealTime endSteal;

    private RunConditions(Floor startFloor, StealTime startSteal, String notMeasured) {
        this.startFloor = startFloor;
        this.startSteal = startSteal;
        this.notMeasured = notMeasured;
    }

    /** Measures the floor and samples steal: call before the first trial. */
    public static RunConditions start() {
        Floor floor = Floor.measure();
        return new RunConditions(floor, StealTime.sample(), null);
    }

    /** Conditions that were not measured: fingerprint.json says why in place of each value. */
    public static RunConditions notMeasured(String reason) {
        return new RunConditions(null, null, reason);
    }

    /** Samples steal and measures the floor again: call after the last trial. */
    public void finish() {
        if (notMeasured != null) {
            return;
        }
        endSteal = StealTime.sample();
        endFloor = Floor.measure();
    }

    /** The figures that moved by more than {@link FloorDrift#FACTOR} between start and end; empty if none, or not finished. */
    public List<String> floorMoved() {
        return endFloor == null ? List.of() : FloorDrift.moved(startFloor, endFloor, FloorDrift.FACTOR);
    }

    /**
     * "floor": {start, end, movedBeyond, moved, flagged} and "steal": its share of CPU time
     * between the two samples (or "unknown (…)").
     */
    public Map<String, Object> toJson() {
        String missing = notMeasured != null ? notMeasured : endFloor == null ? "the run did not finish" : null;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("floor", missing != null ? Unknown.because(missing) : floorJson());
        json.put("steal", missing != null ? Unknown.because(missing) : startSteal.until(endSteal));
        return json;
    }

    private Map<String, Object> floorJson() {
        Map<String, Object> floor = new LinkedHashMap<>();
        floor.put("start", startFloor.toJson());
        floor.put("end", endFloor.toJson());
        floor.put("movedBeyond", FloorDrift.FACTOR);
        List<String> moved = floorMoved();
        floor.put("moved", moved);
        floor.put("flagged", !moved.isEmpty());
        return floor;
    }
}
