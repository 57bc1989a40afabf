package io.ipcbench.library;

import java.io.IOException;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import io.ipcbench.core.Message;
import io.ipcbench.transport.IdleStrategy;
import io.ipcbench.transport.Liveness;
import io.ipcbench.transport.Transport;

/**
 * One side of {@code agrona-ring}: writes into its outgoing ring, reads one record at a time from its
 * incoming ring, busy-spinning while the ring is full or empty. Allocation-free: the message is
 * wrapped, not copied into a Java array, and the read handler is one object made here.
 */
final class AgronaRingTransport implements Transport {
    private static final int MESSAGE_TYPE = 1;
    private final MappedRing outgoing;
    private final MappedRing incoming;
    private final int chunk;
    private final IdleStrategy.BusySpin spin = new IdleStrategy.BusySpin(new Liveness("agrona-ring"));
    private final UnsafeBuffer window = new UnsafeBuffer(0, 0);
    private final MessageHandler copyOut = this::copyOut;
    private int target;
    private int copied;

    AgronaRingTransport(MappedRing outgoing, MappedRing incoming, int chunk) {
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.chunk = chunk;
    }

    @Override
    public void send(Message message, int length) throws IOException {
        window.wrap(message.address(), length);
        OneToOneRingBuffer ring = outgoing.ring();
        for (int offset = 0; offset < length; offset += chunk) {
            while (!ring.write(MESSAGE_TYPE, window, offset, Math.min(chunk, length - offset))) {
                spin.idle();
            }
        }
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        window.wrap(message.address(), length);
        OneToOneRingBuffer ring = incoming.ring();
        for (int offset = 0; offset < length; offset += chunk) {
            target = offset;
            copied = -1;
            while (ring.read(copyOut, 1) == 0) {
                spin.idle();
            }
            int expected = Math.min(chunk, length - offset);
            if (copied != expected) {
                throw new IOException("agrona-ring: a record of " + copied + " bytes where " + expected + " were due");
            }
        }
    }

    private void copyOut(int type, MutableDirectBuffer buffer, int index, int length) {
        copied = length;
        if (target + length <= window.capacity()) {
            buffer.getBytes(index, window, target, length);
        }
    }

    @Override
    public void peerGone() {
        spin.peerGone();
    }

    @Override
    public void close() {
        outgoing.close();
        incoming.close();
    }
}
