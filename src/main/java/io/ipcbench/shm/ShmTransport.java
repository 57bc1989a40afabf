package io.ipcbench.shm;

import java.io.IOException;

import io.ipcbench.core.Message;

/**
 * One side of a shared-memory pair: writes into its outgoing ring, reads from its incoming ring,
 * and leaves sleeping and waking to its {@link WakeUp}. A message is copied once each way
 * (Chronicle Bytes' native copies), like every other transport's read and write.
 */
final class ShmTransport extends RingPairTransport {
    private final int chunk;

    ShmTransport(Segment segment, boolean initiator, WakeUp wakeUp) {
        super(segment, initiator, wakeUp);
        this.chunk = segment.layout().slotSize();
    }

    /** One ring's slots × their size. */
    @Override
    public long capacityBytes() {
        return segment.layout().ringBytes();
    }

    /**
     * Writes the message slot by slot: one slot unless it is larger than a slot (see
     * {@link SegmentLayout#MAX_SLOT_SIZE}). The reader cuts it the same way, as both know its length.
     */
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
}
