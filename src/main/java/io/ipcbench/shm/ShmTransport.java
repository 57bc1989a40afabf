package io.ipcbench.shm;

import java.io.IOException;

import io.ipcbench.core.Message;
import io.ipcbench.transport.Transport;

/**
 * One side of a shared-memory pair: writes into its outgoing ring, reads from its incoming ring,
 * and leaves sleeping and waking to its {@link WakeUp}. A message is copied once each way
 * (Chronicle Bytes' native copies), like every other transport's read and write.
 */
final class ShmTransport implements Transport {
    private final Segment segment;
    private final Ring outgoing;
    private final Ring incoming;
    private final WakeUp wakeUp;
    private final int chunk;
    private final boolean announced;

    ShmTransport(Segment segment, boolean initiator, WakeUp wakeUp) {
        this.segment = segment;
        this.outgoing = new Ring(segment, initiator ? SegmentLayout.TO_PEER : SegmentLayout.TO_INITIATOR);
        this.incoming = new Ring(segment, initiator ? SegmentLayout.TO_INITIATOR : SegmentLayout.TO_PEER);
        this.wakeUp = wakeUp;
        this.chunk = segment.layout().slotSize();
        this.announced = wakeUp instanceof AnnouncedWakeUp || wakeUp instanceof PolledWakeUp polled && polled.sleepsAnnounced();
    }

    /**
     * Writes the message slot by slot: one slot unless it is larger than a slot (see
     * {@link SegmentLayout#MAX_SLOT_SIZE}). The reader cuts it the same way, as both know its length.
     */
    /** One ring's slots × their size. */
    @Override
    public long capacityBytes() {
        return segment.layout().ringBytes();
    }

    @Override
    public void send(Message message, int length) throws IOException {
        for (int offset = 0; offset < length; offset += chunk) {
            wakeUp.awaitSpace(outgoing);
            outgoing.write(message.address() + offset, Math.min(chunk, length - offset));
            wakeUp.published(outgoing);
        }
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        for (int offset = 0; offset < length; offset += chunk) {
            wakeUp.awaitData(incoming);
            incoming.read(message.address() + offset, Math.min(chunk, length - offset));
            wakeUp.consumed(incoming);
        }
    }

    @Override
    public void bindToCurrentThread() {
        wakeUp.bindToCurrentThread();
    }

    /** Lost wake-ups of this side's waits ({@link WakeUp#missedWakeUps()}). */
    long missedWakeUps() {
        return wakeUp.missedWakeUps();
    }

    /** Both sides' lost wake-ups, from the segment; -1 where nobody sleeps through an announced wake-up. */
    @Override
    public long lostWakeUps() {
        return announced ? outgoing.lostWakeUps() + incoming.lostWakeUps() : -1;
    }

    @Override
    public void peerGone() {
        wakeUp.peerGone();
    }

    @Override
    public void close() {
        wakeUp.close();
        segment.close();
    }
}
