package io.ipcbench.shm;

import java.io.IOException;

/**
 * {@code shm-spin}: nobody sleeps; a waiting side re-reads the counter in a loop with
 * {@link Thread#onSpinWait()}. The latency floor, at the price of a whole CPU per waiting side,
 * which is why it refuses to share one CPU with its peer. Checks for a dead peer every 2^16 spins.
 */
final class SpinWakeUp implements WakeUp {
    private static final int CHECK_EVERY = 0xffff;
    private volatile boolean gone;

    @Override
    public void awaitData(Ring ring) throws IOException {
        int spins = 0;
        while (!ring.hasData()) {
            Thread.onSpinWait();
            if ((++spins & CHECK_EVERY) == 0 && gone) {
                throw new IOException("shm-spin: the other side is gone");
            }
        }
    }

    @Override
    public void published(Ring ring) {
    }

    @Override
    public void awaitSpace(Ring ring) throws IOException {
        int spins = 0;
        while (!ring.hasSpace()) {
            Thread.onSpinWait();
            if ((++spins & CHECK_EVERY) == 0 && gone) {
                throw new IOException("shm-spin: the other side is gone");
            }
        }
    }

    @Override
    public void consumed(Ring ring) {
    }

    @Override
    public void peerGone() {
        gone = true;
    }

    @Override
    public void close() {
    }
}
