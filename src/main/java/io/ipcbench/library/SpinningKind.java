package io.ipcbench.library;

import io.ipcbench.core.Placement;
import io.ipcbench.transport.TransportKind;

/**
 * What the library transports share as kinds: both sides busy-spin ({@link BusySpin}), so they refuse
 * {@code same-core} as {@code shm-spin} does (two spinners on one CPU would only measure the
 * scheduler), and a payload above the library's largest message moves in chunks of it.
 */
abstract class SpinningKind implements TransportKind {

    /** The largest message this library moves whole, as the transport will send it. */
    abstract int maxChunk();

    @Override
    public final int chunkSize(int payload) {
        return Math.min(payload, maxChunk());
    }

    @Override
    public final void checkPlacement(Placement placement) {
        if (placement == Placement.SAME_CORE) {
            throw new IllegalArgumentException(name() + " cannot run same-core: each side busy-spins on a whole CPU, "
                    + "so sharing one would only measure the scheduler; use cross-core or unpinned");
        }
    }
}
