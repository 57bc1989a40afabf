package io.ipcbench.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.Capacity;
import io.ipcbench.core.PeerMode;
import io.ipcbench.core.Placement;
import io.ipcbench.core.WaitMode;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.registry.TransportRegistry;

/**
 * Which trials of a sweep can run. A bad value on its own (an unknown transport or placement, a
 * payload that is no number of bytes) is the user's mistake and refuses the run; a combination of
 * good values that cannot run (shm-spin × same-core, a payload kernel.msgmnb cannot hold) is
 * skipped with TrialSpec's reason, and the rest runs. A run in which nothing can run is refused
 * with the first reason.
 *
 * <p>Without {@code -p wait=} each transport waits as it does by design (the param's default,
 * {@code default}: block, or spin for shm-spin and the library rings); with it, every transport
 * runs every value it can, and refuses the others with its reason. {@code -p capacity=} likewise:
 * without it every mechanism keeps its own buffers.
 *
 * <p>JMH always runs the full cartesian product of its -p values, so a sweep with a skipped
 * combination becomes several rectangular
 * {@link Group groups}, each one JMH run. Transports that can run the same (payload, placement,
 * wait) cells share groups, and within those, each wait's placements that can run the same
 * payloads: the groups cover every runnable combination exactly once.
 */
public final class SweepPlan {
    /** One JMH run: every combination of these values can run. */
    public record Group(List<String> transports, List<String> payloads, List<String> placements, String waitMode, String capacity) {
        /** A group with each mechanism's own buffers. */
        public Group(List<String> transports, List<String> payloads, List<String> placements, String waitMode) {
            this(transports, payloads, placements, waitMode, Capacity.BY_DESIGN);
        }

        /** "transport=a,b payload=64 placement=cross-core wait=spin" (no wait or capacity when by design), for the launcher's progress line. */
        public String line() {
            return "transport=" + String.join(",", transports) + " payload=" + String.join(",", payloads) + " placement="
                    + String.join(",", placements) + waitText(waitMode) + capacityText(capacity);
        }
    }

    /** A combination that cannot run, and why. */
    public record Skipped(String transport, String payload, String placement, String waitMode, String capacity, String reason) {
        /** "transport=pipe payload=64 placement=same-core wait=spin: why", as printed and as fingerprint.json records it. */
        public String line() {
            return "transport=" + transport + " payload=" + payload + " placement=" + placement + waitText(waitMode) + capacityText(capacity)
                    + ": " + reason;
        }
    }

    /** " wait=spin", or nothing for the benchmarks' default (each transport as it waits by design), as runs before the axis read. */
    private static String waitText(String waitMode) {
        return waitMode.equals(WaitMode.BY_DESIGN) ? "" : " wait=" + waitMode;
    }

    /** " capacity=65536", or nothing for each mechanism's own buffers. */
    private static String capacityText(String capacity) {
        return capacity.equals(Capacity.BY_DESIGN) ? "" : " capacity=" + capacity;
    }

    /** Says why a combination cannot run by throwing IllegalArgumentException; returns if it can. */
    @FunctionalInterface
    interface Trial {
        void check(String transport, String payload, String placement, String wait, String capacity);
    }

    private final List<Group> groups;
    private final List<Skipped> skipped;

    private SweepPlan(List<Group> groups, List<Skipped> skipped) {
        this.groups = List.copyOf(groups);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * The plan for these -p values (or the defaults), checked as the trials would check them.
     *
     * @throws BadInput for a bad value, or when no combination can run
     */
    public static SweepPlan of(Collection<String> transports, Collection<String> payloads, Collection<String> placements) {
        return of(transports, payloads, placements, null, null);
    }

    /**
     * As {@link #of(Collection, Collection, Collection)}, with the {@code -p wait=} and {@code -p capacity=} values.
     *
     * @param waits null without {@code -p wait=}: the benchmarks' default, each transport waiting as it does by design
     * @param capacities null without {@code -p capacity=}: each mechanism's own buffers
     */
    public static SweepPlan of(Collection<String> transports, Collection<String> payloads, Collection<String> placements,
            Collection<String> waits, Collection<String> capacities) {
        try {
            payloads.forEach(TrialSpec::parsePayload);
            placements.forEach(Placement::parse);
            transports.forEach(TransportRegistry::kind); // throws for an unknown name
            if (waits != null) {
                waits.stream().filter(wait -> !wait.equals(WaitMode.BY_DESIGN)).forEach(WaitMode::parse);
            }
            if (capacities != null) {
                capacities.forEach(Capacity::parse);
            }
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
        // a kernel limit may refuse a payload (kernel.msgmnb), a mechanism a way of waiting
        return plan(transports, payloads, placements, waits == null ? List.of(WaitMode.BY_DESIGN) : waits,
                capacities == null ? List.of(Capacity.BY_DESIGN) : capacities,
                (transport, payload, placement, wait, capacity) -> TrialSpec.parse(transport, payload, placement, PeerMode.ECHO, wait, capacity));
    }

    /** The plan for values already known good on their own, {@code trial} deciding each combination. */
    static SweepPlan plan(Collection<String> transports, Collection<String> payloads, Collection<String> placements,
            Collection<String> waits, Collection<String> capacities, Trial trial) {
        List<Skipped> skipped = new ArrayList<>();
        // the transports that can run the same cells share groups
        Map<Set<Cell>, List<String>> transportsByCells = new LinkedHashMap<>();
        for (String transport : transports) {
            Set<Cell> runnable = new LinkedHashSet<>();
            for (String wait : waits) {
                for (String capacity : capacities) {
                    for (String payload : payloads) {
                        for (String placement : placements) {
                            try {
                                trial.check(transport, payload, placement, wait, capacity);
                                runnable.add(new Cell(payload, placement, new Setting(wait, capacity)));
                            } catch (IllegalArgumentException e) {
                                skipped.add(new Skipped(transport, payload, placement, wait, capacity, e.getMessage()));
                            }
                        }
                    }
                }
            }
            if (!runnable.isEmpty()) {
                transportsByCells.computeIfAbsent(runnable, cells -> new ArrayList<>()).add(transport);
            }
        }
        if (transportsByCells.isEmpty()) {
            throw new BadInput(skipped.isEmpty() ? "no trial to run: a -p list is empty" : skipped.get(0).reason());
        }
        List<Group> groups = new ArrayList<>();
        transportsByCells.forEach((cells, sharing) -> {
            // within them, for each wait and capacity, the placements that can run the same payloads make one rectangle
            Set<Setting> sharedSettings = new LinkedHashSet<>();
            cells.forEach(cell -> sharedSettings.add(cell.setting()));
            for (Setting setting : sharedSettings) {
                Map<List<String>, List<String>> placementsByPayloads = new LinkedHashMap<>();
                for (String placement : placements) {
                    List<String> runnable = payloads.stream().filter(payload -> cells.contains(new Cell(payload, placement, setting))).toList();
                    if (!runnable.isEmpty()) {
                        placementsByPayloads.computeIfAbsent(runnable, p -> new ArrayList<>()).add(placement);
                    }
                }
                placementsByPayloads.forEach((runnable, sharingPlacements) -> groups.add(
                        new Group(sharing, runnable, sharingPlacements, setting.waitMode(), setting.capacity())));
            }
        });
        return new SweepPlan(groups, skipped);
    }

    /** How a trial's channel is set up: its wait and its capacity, one JMH value each. */
    private record Setting(String waitMode, String capacity) {
    }

    private record Cell(String payload, String placement, Setting setting) {
    }

    /** How many trials of one benchmark the plan runs: every runnable combination of its groups. */
    public int trials() {
        return groups.stream().mapToInt(g -> g.transports().size() * g.payloads().size() * g.placements().size()).sum();
    }

    /** True when every combination can run: one JMH run of the values as given, no groups needed. */
    public boolean isWhole() {
        return skipped.isEmpty();
    }

    /** The JMH runs that together make every runnable combination, once each. */
    public List<Group> groups() {
        return groups;
    }

    public List<Skipped> skipped() {
        return skipped;
    }

    /** {@link Skipped#line()} of each, in order. */
    public List<String> skippedLines() {
        return skipped.stream().map(Skipped::line).toList();
    }
}
