package io.ipcbench.floor;

import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.nativeio.Sys;

/**
 * The cost of waking a blocked thread on the other CPU: a thread on each CPU, two pipes between
 * them; the initiator writes one byte and blocks in read(2) for the answer, the responder blocks
 * in read(2), answers, and blocks again. Each round trip wakes a sleeper twice, across CPUs, with
 * nothing else in it — the floor under every blocking transport (tens of microseconds on this
 * class of VM, where waking an idle vCPU goes through the hypervisor).
 *
 * <p>Each pipe's write end belongs to one thread, which closes it when it ends, however it ends:
 * the other thread then reads end-of-file instead of waiting forever. The read ends are closed
 * here once both threads are gone (should one outlive its deadline, they stay open rather than be
 * closed under a thread that may still read them).
 */
final class WakeUpRoundTrip {
    /** Round trips a repeat: at ~100 µs each, 50 ms. */
    static final int ROUND_TRIPS = 500;

    private WakeUpRoundTrip() {
    }

    /** The median round trip in µs between {@code initiatorCpu} and {@code responderCpu}, within {@code budgetNanos}. */
    static double medianMicros(int initiatorCpu, int responderCpu, long budgetNanos) {
        return medianMicros(initiatorCpu, responderCpu, budgetNanos, ROUND_TRIPS);
    }

    /** As above, {@code roundTrips} a repeat (fewer for a probe with a short budget, so that it still finishes repeats). */
    static double medianMicros(int initiatorCpu, int responderCpu, long budgetNanos, int roundTrips) {
        int[] toResponder = Sys.pipe("the floor's ping pipe");
        int[] toInitiator;
        try {
            toInitiator = Sys.pipe("the floor's pong pipe");
        } catch (RuntimeException e) {
            Sys.close(toResponder[0]);
            Sys.close(toResponder[1]);
            throw e;
        }
        long deadline = System.nanoTime() + budgetNanos;
        long lastResort = deadline + Floor.GRACE_NANOS;
        PinnedThread<Void> responder = PinnedThread.start("wake-up responder", responderCpu,
                () -> respond(toResponder[0], toInitiator[1]), () -> Sys.close(toInitiator[1]));
        PinnedThread<Double> initiator = PinnedThread.start("wake-up initiator", initiatorCpu,
                () -> {
                    try (NativeMemory buffer = new NativeMemory(8)) {
                        return Repeats.medianOfMedians("wake-up round trip", roundTrips, deadline,
                                (samples, until) -> ping(toResponder[1], toInitiator[0], buffer.address(), samples, until));
                    }
                },
                () -> Sys.close(toResponder[1]));
        return PinnedThread.awaitBoth(initiator, responder, lastResort, () -> {
            Sys.close(toResponder[0]);
            Sys.close(toInitiator[0]);
        });
    }

    /** One repeat: round trips, each timed, until the samples are full or the deadline passes. */
    private static int ping(int toResponder, int fromResponder, long buffer, double[] samples, long deadline) {
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            Sys.write(toResponder, buffer, 1, "the floor's ping pipe");
            if (Sys.read(fromResponder, buffer, 1, "the floor's pong pipe") != 1) {
                throw new IllegalStateException("the wake-up responder ended before the initiator");
            }
            long end = System.nanoTime();
            samples[i] = (end - start) / 1_000.0;
            if (end - deadline > 0) {
                return i + 1;
            }
        }
        return samples.length;
    }

    /** Answers every byte until the initiator closes its end. */
    private static Void respond(int fromInitiator, int toInitiator) {
        try (NativeMemory buffer = new NativeMemory(8)) {
            while (Sys.read(fromInitiator, buffer.address(), 1, "the floor's ping pipe") == 1) {
                Sys.write(toInitiator, buffer.address(), 1, "the floor's pong pipe");
            }
        }
        return null;
    }
}
