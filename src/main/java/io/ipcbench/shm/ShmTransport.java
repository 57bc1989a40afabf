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
    private final String name;

    ShmTransport(Segment segment, boolean initiator, WakeUp wakeUp, String name) {
        this.segment = segment;
        this.outgoing = new Ring(segment, initiator ? SegmentLayout.TO_PEER : SegmentLayout.TO_INITIATOR);
        this.incoming = new Ring(segment, initiator ? SegmentLayout.TO_INITIATOR : SegmentLayout.TO_PEER);
        this.wakeUp = wakeUp;
        this.name = name;
    }

    @Override
    public void send(Message message, int length) throws IOException {
        checkFits(length);
        wakeUp.awaitSpace(outgoing);
        outgoing.write(message.address(), length);
        wakeUp.published(outgoing);
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        checkFits(length);
        wakeUp.awaitData(incoming);
        incoming.read(message.address(), length);
        wakeUp.consumed(incoming);
    }

    private void checkFits(int length) throws IOException {
        if (length > segment.layout().slotSize()) {
            throw new IOException(name + ": a " + length + "-byte message does not fit a " + segment.layout().slotSize() + "-byte slot");
        }
    }

    @Override
    public void bindToCurrentThread() {
        wakeUp.bindToCurrentThread();
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
