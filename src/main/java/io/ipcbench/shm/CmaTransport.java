package io.ipcbench.shm;

import java.io.IOException;

import net.openhft.chronicle.bytes.PointerBytesStore;

import io.ipcbench.core.Message;
import io.ipcbench.nativeio.CrossMemory;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.Transport;

/**
 * One side of a {@code cma} pair. Each direction is a one-slot {@link Ring} written by the
 * message's receiver: to receive, a side posts a credit (its buffer's address and the length it
 * expects) and waits until the ring has room again; to send, a side waits for the other's credit,
 * copies the message into the named buffer with {@code process_vm_writev}, and frees the slot,
 * which tells the receiver the bytes are there. The counts' ordered writes and volatile reads order
 * the copy as they order a ring's slot copies ({@link Ring}). Waiting and waking are the
 * {@link WakeUp}'s: the futex, polled first under spin and backoff.
 *
 * <p>The sender's buffer is free again as soon as the call returns (the kernel has copied it);
 * the receiver's buffer belongs to the sender from the credit until the slot is freed.
 */
final class CmaTransport implements Transport {
    private final Segment segment;
    /** This side's credits for what it receives: this side writes the ring. */
    private final Ring ownCredits;
    /** The other side's credits for what this side sends: this side reads the ring. */
    private final Ring otherCredits;
    private final WakeUp wakeUp;
    private final boolean announced;
    private final CrossMemory copier = new CrossMemory("cma");
    private final PointerBytesStore header;
    private final int otherPidOffset;
    private int otherPid;

    CmaTransport(Segment segment, boolean initiator, WakeUp wakeUp) {
        this.segment = segment;
        this.ownCredits = new Ring(segment, initiator ? SegmentLayout.TO_PEER : SegmentLayout.TO_INITIATOR);
        this.otherCredits = new Ring(segment, initiator ? SegmentLayout.TO_INITIATOR : SegmentLayout.TO_PEER);
        this.wakeUp = wakeUp;
        this.announced = wakeUp instanceof AnnouncedWakeUp || wakeUp instanceof PolledWakeUp polled && polled.sleepsAnnounced();
        this.header = segment.bytes();
        this.otherPidOffset = initiator ? SegmentLayout.PEER_PID_OFFSET : SegmentLayout.INITIATOR_PID_OFFSET;
        // before this side posts anything, so the other side finds it once it has seen a credit
        header.writeVolatileInt(initiator ? SegmentLayout.INITIATOR_PID_OFFSET : SegmentLayout.PEER_PID_OFFSET, Sys.getpid());
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        wakeUp.awaitSpace(ownCredits); // the last credit was used: always so once the last receive returned
        ownCredits.post(message.address(), length);
        wakeUp.published(ownCredits);
        wakeUp.awaitSpace(ownCredits); // the sender has written the message and freed the slot
    }

    @Override
    public void send(Message message, int length) throws IOException {
        wakeUp.awaitData(otherCredits);
        long address = otherCredits.peekLong(0);
        long expected = otherCredits.peekLong(Long.BYTES);
        if (expected != length) {
            throw new IOException("cma: the receiver expects " + expected + " bytes, this side sends " + length);
        }
        copier.copy(otherPid(), message.address(), address, length);
        otherCredits.release();
        wakeUp.consumed(otherCredits);
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

    @Override
    public void bindToCurrentThread() {
        wakeUp.bindToCurrentThread();
    }

    /** Both sides' lost wake-ups, from the segment; -1 where nobody sleeps through the announced futex wake-up (spin). */
    @Override
    public long lostWakeUps() {
        return announced ? ownCredits.lostWakeUps() + otherCredits.lostWakeUps() : -1;
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
