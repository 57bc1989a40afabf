package io.ipcbench.shm;

import io.ipcbench.transport.Transport;

/**
 * What the transports over a {@link Segment}'s two rings share: the ring this side writes and the
 * one it reads, the {@link WakeUp} that waits on them and wakes the other side, and how a side
 * binds, counts lost wake-ups, learns that the other side is gone and closes. {@link ShmTransport}
 * moves messages through the rings; {@link CmaTransport} moves credits.
 */
abstract class RingPairTransport implements Transport {
    final Segment segment;
    /** The ring this side writes (its messages, or its credits). */
    final Ring outgoing;
    /** The ring this side reads (the other side's messages, or its credits). */
    final Ring incoming;
    final WakeUp wakeUp;
    /** True where a side may sleep through the announced protocol: the segment then counts lost wake-ups. */
    private final boolean announced;

    RingPairTransport(Segment segment, boolean initiator, WakeUp wakeUp) {
        this.segment = segment;
        this.outgoing = new Ring(segment, initiator ? SegmentLayout.TO_PEER : SegmentLayout.TO_INITIATOR);
        this.incoming = new Ring(segment, initiator ? SegmentLayout.TO_INITIATOR : SegmentLayout.TO_PEER);
        this.wakeUp = wakeUp;
        this.announced = wakeUp instanceof AnnouncedWakeUp || wakeUp instanceof PolledWakeUp polled && polled.sleepsAnnounced();
    }

    @Override
    public final void bindToCurrentThread() {
        wakeUp.bindToCurrentThread();
    }

    /** Lost wake-ups of this side's waits ({@link WakeUp#missedWakeUps()}). */
    final long missedWakeUps() {
        return wakeUp.missedWakeUps();
    }

    /** Both sides' lost wake-ups, from the segment; -1 where nobody sleeps through an announced wake-up. */
    @Override
    public final long lostWakeUps() {
        return announced ? outgoing.lostWakeUps() + incoming.lostWakeUps() : -1;
    }

    @Override
    public final void peerGone() {
        wakeUp.peerGone();
    }

    @Override
    public void close() {
        wakeUp.close();
        segment.close();
    }
}
