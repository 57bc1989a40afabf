package io.ipcbench.shm;

import java.io.IOException;

import io.ipcbench.transport.IdleStrategy;
import io.ipcbench.transport.Liveness;

/**
 * {@code shm-spin}: nobody sleeps; a waiting side re-reads the counter in a loop
 * ({@link IdleStrategy.BusySpin}: {@link Thread#onSpinWait()}). The latency floor, at the price of a
 * whole CPU per waiting side, which is why it refuses to share one CPU with its peer.
 */
final class SpinWakeUp implements WakeUp {
    private final IdleStrategy.BusySpin spin = new IdleStrategy.BusySpin(new Liveness("shm-spin"));

    @Override
    public void awaitData(Ring ring) throws IOException {
        while (!ring.hasData()) {
            spin.idle();
        }
    }

    @Override
    public void published(Ring ring) {
    }

    @Override
    public void awaitSpace(Ring ring) throws IOException {
        while (!ring.hasSpace()) {
            spin.idle();
        }
    }

    @Override
    public void consumed(Ring ring) {
    }

    @Override
    public void peerGone() {
        spin.peerGone();
    }

    @Override
    public void close() {
    }
}
