package io.ipcbench.library;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.Placement;
import io.ipcbench.core.WaitMode;
import io.ipcbench.transport.TransportKind;

/**
 * What the library transports share as kinds: both sides busy-spin
 * ({@link io.ipcbench.transport.IdleStrategy.BusySpin}), so they refuse {@code same-core} as
 * {@code shm-spin} does (two spinners on one CPU would only measure the scheduler), and a payload
 * above the library's largest message moves in chunks of it.
 */
abstract class SpinningKind implements TransportKind {

    /** The largest message this library moves whole, as the transport will send it. */
    abstract int maxChunk();

    @Override
    public final int chunkSize(int payload) {
        return Math.min(payload, maxChunk());
    }

    @Override
    public final WaitMode waitMode() {
        return WaitMode.SPIN;
    }

    /**
     * Spin only. No blocking wait exists: nothing in these libraries wakes a waiting reader, both
     * sides poll. Their back-offs (Agrona's BackoffIdleStrategy, Chronicle's Pauser) park for times
     * of their own rather than until woken, and with Aeron's driver in the initiator's idle loop a
     * parked initiator also parks the driver: not measured here yet.
     */
    @Override
    public final TransportKind waiting(WaitMode wait) {
        if (wait.kind() == WaitMode.Kind.SPIN) {
            return this;
        }
        String why = wait.kind() == WaitMode.Kind.BLOCK
                ? "nothing in the library wakes a waiting reader, both sides poll"
                : "the library's own back-off parks for fixed times rather than until woken, and is not measured here yet";
        throw new IllegalArgumentException(name() + " cannot run wait=" + wait.label() + ": " + why + "; use wait=spin");
    }

    /** The libraries' buffers follow {@link EighthRule} (as deep as shm-spin's own ring), as each library is configured. */
    @Override
    public final TransportKind holding(Capacity capacity) {
        if (capacity.isDefault()) {
            return this;
        }
        throw new IllegalArgumentException(name() + " cannot run capacity=" + capacity.label() + ": its buffers are sized as the"
                + " library is configured here (as deep as shm-spin's own ring), not per -p capacity yet; run it with capacity=default");
    }

    @Override
    public final void checkPlacement(Placement placement) {
        if (placement == Placement.SAME_CORE) {
            throw new IllegalArgumentException(name() + " cannot run same-core: each side busy-spins on a whole CPU, "
                    + "so sharing one would only measure the scheduler; use cross-core or unpinned");
        }
    }

    /** The libraries are Java (over mapped files): no system call by number, so they run on any architecture. */
    @Override
    public boolean callsByNumber() {
        return false;
    }
}
