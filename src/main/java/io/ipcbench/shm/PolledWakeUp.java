package io.ipcbench.shm;

import java.io.IOException;

import io.ipcbench.core.WaitMode;
import io.ipcbench.transport.IdleStrategy;
import io.ipcbench.transport.Liveness;

/**
 * {@code wait=spin} and {@code backoff} for the wake-ups that follow the announced protocol
 * ({@code shm-signal}, {@code shm-futex}, {@code shm-eventfd}): a side that finds its ring empty (or
 * full) polls the ring's counters ({@link IdleStrategy}) and, under backoff, sleeps through the
 * wrapped wake-up only once the spin phase is over. A side that never sleeps never announces it may,
 * so under spin the other side never wakes anyone: the ring is polled on its counters exactly as in
 * {@code shm-spin}, plus the fence and flag check {@link AnnouncedWakeUp#published} makes per message.
 */
final class PolledWakeUp implements WakeUp {
    private final WakeUp sleeping;
    private final IdleStrategy idle;
    private final boolean sleeps;

    PolledWakeUp(WakeUp sleeping, WaitMode wait, String transport) {
        this.sleeping = sleeping;
        this.sleeps = wait.kind() != WaitMode.Kind.SPIN;
        this.idle = IdleStrategy.forWait(wait, new Liveness(transport));
    }

    @Override
    public void awaitData(Ring ring) throws IOException {
        while (!ring.hasData()) {
            if (idle.shouldSleep()) {
                sleeping.awaitData(ring);
                break;
            }
        }
        idle.reset();
    }

    @Override
    public void published(Ring ring) {
        sleeping.published(ring);
    }

    @Override
    public void awaitSpace(Ring ring) throws IOException {
        while (!ring.hasSpace()) {
            if (idle.shouldSleep()) {
                sleeping.awaitSpace(ring);
                break;
            }
        }
        idle.reset();
    }

    @Override
    public void consumed(Ring ring) {
        sleeping.consumed(ring);
    }

    /** True when a wait may still sleep through the announced protocol (backoff, not spin). */
    boolean sleepsAnnounced() {
        return sleeps && sleeping instanceof AnnouncedWakeUp;
    }

    @Override
    public void bindToCurrentThread() {
        sleeping.bindToCurrentThread();
    }

    @Override
    public void peerGone() {
        idle.peerGone();
        sleeping.peerGone();
    }

    @Override
    public long missedWakeUps() {
        return sleeping.missedWakeUps();
    }

    @Override
    public String address() {
        return sleeping.address();
    }

    @Override
    public void close() {
        sleeping.close();
    }
}
