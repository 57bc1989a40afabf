package io.ipcbench.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where the two sides of a pair run (docs/measurement.md, "Measurement"). On this VM a thread woken from the other CPU
 * costs tens of microseconds more than one woken on its own CPU, so placement changes rankings
 * and is recorded with every result.
 */
public enum Placement {
    CROSS_CORE("cross-core", 0, 1),
    SAME_CORE("same-core", 0, 0),
    UNPINNED("unpinned", -1, -1);

    private final String label;
    private final int initiatorCpu;
    private final int peerCpu;

    Placement(String label, int initiatorCpu, int peerCpu) {
        this.label = label;
        this.initiatorCpu = initiatorCpu;
        this.peerCpu = peerCpu;
    }

    public String label() {
        return label;
    }

    /** CPU for the initiator's thread, or -1 for no pinning. */
    public int initiatorCpu() {
        return initiatorCpu;
    }

    /** CPU for the peer's thread, or -1 for no pinning. */
    public int peerCpu() {
        return peerCpu;
    }

    public static Placement parse(String label) {
        for (Placement p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown placement '" + label + "'; valid: " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(Placement::label).collect(Collectors.joining(", "));
    }
}
