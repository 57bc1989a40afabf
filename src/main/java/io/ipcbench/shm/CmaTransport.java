package io.ipcbench.shm;

import java.io.IOException;

import net.openhft.chronicle.bytes.PointerBytesStore;

import io.ipcbench.core.Message;
import io.ipcbench.nativeio.CrossMemory;
import io.ipcbench.nativeio.Sys;

/**
 * One side of a {@code cma} pair. Each direction is a one-slot {@link Ring} written by the
 * message's receiver (the outgoing ring carries this side's credits, for what it receives; the
 * incoming one the other side's, for what this side sends): to receive, a side posts a credit (its buffer's address and the length it
 * expects) and waits until the ring has room again; to send, a side waits for the other's credit,
 * copies the message into the named buffer with {@code process_vm_writev}, and frees the slot,
 * which tells the receiver the bytes are there. The counts' ordered writes and volatile reads order
 * the copy as they order a ring's slot copies ({@link Ring}). Waiting and waking are the
 * {@link WakeUp}'s: the futex, polled first under spin and backoff.
 *
 * <p>The sender's buffer is free again as soon as the call returns (the kernel has copied it);
 * the receiver's buffer belongs to the sender from the credit until the slot is freed.
 */
final class CmaTransport extends RingPairTransport {
    private final CrossMemory copier = new CrossMemory("cma");
    private final PointerBytesStore header;
    private final int otherPidOffset;
    private int otherPid;

    CmaTransport(Segment segment, boolean initiator, WakeUp wakeUp) {
        super(segment, initiator, wakeUp);
        this.header = segment.bytes();
        this.otherPidOffset = initiator ? SegmentLayout.PEER_PID_OFFSET : SegmentLayout.INITIATOR_PID_OFFSET;
        // before this side posts anything, so the other side finds it once it has seen a credit
        header.writeVolatileInt(initiator ? SegmentLayout.INITIATOR_PID_OFFSET : SegmentLayout.PEER_PID_OFFSET, Sys.getpid());
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        wakeUp.awaitSpace(outgoing); // the last credit was used: always so once the last receive returned
        outgoing.post(message.address(), length);
        wakeUp.published(outgoing);
        wakeUp.awaitSpace(outgoing); // the sender has written the message and freed the slot
    }

    @Override
    public void send(Message message, int length) throws IOException {
        wakeUp.awaitData(incoming);
        long address = incoming.peekLong(0);
        long expected = incoming.peekLong(Long.BYTES);
        if (expected != length) {
            throw new IOException("cma: the receiver expects " + expected + " bytes, this side sends " + length);
        }
        copier.copy(otherPid(), message.address(), address, length);
        incoming.release();
        wakeUp.consumed(incoming);
    }

    /** Written by the other side before its first credit, which this side has seen. */
    private int otherPid() throws IOException {
        if (otherPid == 0) {
            otherPid = header.readVolatileInt(otherPidOffset);
            if (otherPid == 0) {
                throw new IOException("cma: the other side posted a credit but not its pid");
            }
        }
        return otherPid;
    }
}
