package io.ipcbench.report;

import java.util.Arrays;

import io.ipcbench.floor.FloorDrift;

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
public final class FloorMove {
    private FloorMove() {
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
