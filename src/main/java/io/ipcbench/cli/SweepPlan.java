package io.ipcbench.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.PeerMode;
import io.ipcbench.core.Placement;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.registry.TransportRegistry;

/**
 * Which trials of a sweep can run. A bad value on its own (an unknown transport or placement, a
 * payload that is no number of bytes) is the user's mistake and refuses the run; a combination of
 * good values that cannot run (shm-spin × same-core, a payload kernel.msgmnb cannot hold) is
 * skipped with TrialSpec's reason, and the rest runs. A run in which nothing can run is refused
 * with the first reason.
 *
 * <p>JMH always runs the full cartesian product of its -p values, so a sweep with a skipped
 * combination becomes several rectangular {@link Group groups}, each one JMH run. Transports that
 * can run the same (payload, placement) pairs share groups, and within those, placements that can
 * run the same payloads: the groups cover every runnable combination exactly once.
 */
public final class SweepPlan {
    /** One JMH run: every combination of these values can run. */
    public record Group(List<String> transports, List<String> payloads, List<String> placements) {
        /** "transport=a,b payload=64 placement=cross-core", for the launcher's progress line. */
        public String line() {
            return "transport=" + String.join(",", transports) + " payload=" + String.join(",", payloads) + " placement="
                    + String.join(",", placements);
        }
    }

    /** A combination that cannot run, and why. */
    public record Skipped(String transport, String payload, String placement, String reason) {
        /** "transport=shm-spin payload=64 placement=same-core: why", as printed and as fingerprint.json records it. */
        public String line() {
            return "transport=" + transport + " payload=" + payload + " placement=" + placement + ": " + reason;
        }
    }

    /** Says why a combination cannot run by throwing IllegalArgumentException; returns if it can. */
    @FunctionalInterface
    interface Trial {
        void check(String transport, String payload, String placement);
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
        try {
            payloads.forEach(TrialSpec::parsePayload);
            placements.forEach(Placement::parse);
            transports.forEach(TransportRegistry::kind); // throws for an unknown name
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
        return plan(transports, payloads, placements, (transport, payload, placement) -> TrialSpec.parse(transport, payload,
                placement, PeerMode.ECHO)); // a kernel limit may refuse a payload (kernel.msgmnb)
    }

    /** The plan for values already known good on their own, {@code trial} deciding each combination. */
    static SweepPlan plan(Collection<String> transports, Collection<String> payloads, Collection<String> placements, Trial trial) {
        List<Skipped> skipped = new ArrayList<>();
        // the transports that can run the same cells share groups
        Map<Set<Cell>, List<String>> transportsByCells = new LinkedHashMap<>();
        for (String transport : transports) {
            Set<Cell> runnable = new LinkedHashSet<>();
            for (String payload : payloads) {
                for (String placement : placements) {
                    try {
                        trial.check(transport, payload, placement);
                        runnable.add(new Cell(payload, placement));
                    } catch (IllegalArgumentException e) {
                        skipped.add(new Skipped(transport, payload, placement, e.getMessage()));
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
            // within them, the placements that can run the same payloads make one rectangle
            Map<List<String>, List<String>> placementsByPayloads = new LinkedHashMap<>();
            for (String placement : placements) {
                List<String> runnable = payloads.stream().filter(payload -> cells.contains(new Cell(payload, placement))).toList();
                if (!runnable.isEmpty()) {
                    placementsByPayloads.computeIfAbsent(runnable, p -> new ArrayList<>()).add(placement);
                }
            }
            placementsByPayloads.forEach((runnable, sharingPlacements) -> groups.add(new Group(sharing, runnable, sharingPlacements)));
        });
        return new SweepPlan(groups, skipped);
    }

    private record Cell(String payload, String placement) {
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
