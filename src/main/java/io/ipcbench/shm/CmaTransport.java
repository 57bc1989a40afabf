package io.ipcbench.shm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import net.openhft.chronicle.bytes.PointerBytesStore;

import io.ipcbench.core.Message;
import io.ipcbench.nativeio.CrossMemory;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.nativeio.TransparentHugePages;

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
 *
 * <p>{@code cma:split} ({@code split}) shares each copy out: the sender posts an offer (its
 * buffer's address and the length, marked {@link #OFFER}) in its own outgoing ring while the
 * receiver posts its credit; then the sender writes the first {@link #firstPart} bytes into the
 * receiver's buffer (process_vm_writev) while the receiver reads the rest from the sender's
 * (process_vm_readv), each frees the other's post, and each returns once its own post is freed:
 * the receiver once its first part is written, the sender once its buffer has been read. A side
 * is never sending and receiving at once, so one ring per side carries both its offers and its
 * credits. Its messages live on transparent huge pages ({@link #message}), freed by {@link #close()}.
 */
final class CmaTransport extends RingPairTransport {
    /** Marks an offer's length, telling the sender's post from the receiver's credit (the bare length). */
    private static final long OFFER = 1L << 62;
    private final CrossMemory copier;
    private final PointerBytesStore header;
    private final int otherPidOffset;
    private final boolean split;
    private final String name;
    /** cma:split's message buffers, unmapped by {@link #close()}. */
    private final List<TransparentHugePages> buffers = new ArrayList<>();
    private int otherPid;

    CmaTransport(Segment segment, boolean initiator, WakeUp wakeUp, boolean split) {
        super(segment, initiator, wakeUp);
        this.split = split;
        this.name = split ? "cma:split" : "cma";
        this.copier = new CrossMemory(name);
        this.header = segment.bytes();
        this.otherPidOffset = initiator ? SegmentLayout.PEER_PID_OFFSET : SegmentLayout.INITIATOR_PID_OFFSET;
        // before this side posts anything, so the other side finds it once it has seen a credit
        header.writeVolatileInt(initiator ? SegmentLayout.INITIATOR_PID_OFFSET : SegmentLayout.PEER_PID_OFFSET, Sys.getpid());
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        if (split) {
            receiveSplit(message, length);
            return;
        }
        wakeUp.awaitSpace(outgoing); // the last credit was used: always so once the last receive returned
        outgoing.post(message.address(), length);
        wakeUp.published(outgoing);
        wakeUp.awaitSpace(outgoing); // the sender has written the message and freed the slot
    }

    @Override
    public void send(Message message, int length) throws IOException {
        if (split) {
            sendSplit(message, length);
            return;
        }
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

    /** Offers the message, writes its first part into the receiver's buffer, returns once the receiver has read the rest. */
    private void sendSplit(Message message, int length) throws IOException {
        wakeUp.awaitSpace(outgoing); // always so: a side's last post was freed before its last send or receive returned
        outgoing.post(message.address(), length | OFFER);
        wakeUp.published(outgoing);
        wakeUp.awaitData(incoming);
        long receiverBuffer = posted(length, 0, "sends");
        copier.copy(otherPid(), message.address(), receiverBuffer, firstPart(length));
        incoming.release();
        wakeUp.consumed(incoming);
        wakeUp.awaitSpace(outgoing); // the receiver has read its part: the buffer is the caller's again
    }

    /** Posts a credit, reads the message's second part from the sender's buffer, returns once the sender has written the first. */
    private void receiveSplit(Message message, int length) throws IOException {
        wakeUp.awaitSpace(outgoing);
        outgoing.post(message.address(), length);
        wakeUp.published(outgoing);
        wakeUp.awaitData(incoming);
        long senderBuffer = posted(length, OFFER, "receives");
        int first = firstPart(length);
        copier.read(otherPid(), message.address() + first, senderBuffer + first, length - first);
        incoming.release();
        wakeUp.consumed(incoming);
        wakeUp.awaitSpace(outgoing); // the sender has written its part and freed the credit
    }

    /** The bytes the sender writes: half the message, down to a cache line (none below 128 bytes: the receiver reads it all). */
    static int firstPart(int length) {
        return (length >>> 1) & -64;
    }

    /** The address in the other side's post, once it is the post this side awaits: a credit (kind 0) or an offer, for {@code length} bytes. */
    private long posted(int length, long kind, String doing) throws IOException {
        long posted = incoming.peekLong(Long.BYTES);
        if (posted != (length | kind)) {
            throw new IOException(name + ": this side " + doing + " " + length + " bytes but the other side posted "
                    + ((posted & OFFER) != 0 ? "an offer of " : "a credit for ") + (posted & ~OFFER) + " bytes");
        }
        return incoming.peekLong(0);
    }

    /** cma:split: a buffer on transparent huge pages, which the kernel's cross-memory copies pin a huge page at a time. */
    @Override
    public Message message(int capacity) {
        if (!split) {
            return new Message(capacity);
        }
        TransparentHugePages memory = new TransparentHugePages(Message.HEADROOM + (long) capacity);
        buffers.add(memory);
        return new Message(memory.buffer().slice(0, Message.HEADROOM + capacity));
    }

    /**
     * Closes the channel, then unmaps the huge-page buffers: nobody copies into or out of them any
     * more (a send or receive returns only once the other side has freed this side's post, and the
     * initiator closes only once its peer has stopped).
     */
    @Override
    public void close() {
        super.close();
        buffers.forEach(TransparentHugePages::close);
        buffers.clear();
    }

    /** Written by the other side before its first credit, which this side has seen. */
    private int otherPid() throws IOException {
        if (otherPid == 0) {
            otherPid = header.readVolatileInt(otherPidOffset);
            if (otherPid == 0) {
                throw new IOException(name + ": the other side posted a credit but not its pid");
            }
        }
        return otherPid;
    }
}
