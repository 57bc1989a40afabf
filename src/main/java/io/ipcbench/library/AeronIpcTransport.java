package io.ipcbench.library;

import java.io.IOException;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.UnsafeBuffer;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import io.ipcbench.core.Message;
import io.ipcbench.transport.IdleStrategy;
import io.ipcbench.transport.Liveness;
import io.ipcbench.transport.Transport;

/**
 * One side of {@code aeron-ipc}: an exclusive publication out and a subscription in, each its own
 * stream on {@code aeron:ipc}. A message longer than the MTU arrives in fragments, which are put
 * back together straight into the receiver's message (what Aeron's FragmentAssembler does, minus
 * its intermediate buffer and copy: one stream has one publisher, so fragments come in order).
 * Both waits busy-spin; on the initiator's side they also run the embedded driver and the Aeron
 * client, which have no threads there ({@link EmbeddedMediaDriver}). Allocation-free: the message
 * is wrapped, the handler is one object.
 */
final class AeronIpcTransport implements Transport {
    private static final int INVOKE_EVERY = 8;
    private final Aeron aeron;
    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final MediaDriver driver;
    private final AgentInvoker driverInvoker;
    private final AgentInvoker clientInvoker;
    private final int chunk;
    private final IdleStrategy.BusySpin spin = new IdleStrategy.BusySpin(new Liveness("aeron-ipc"));
    private final UnsafeBuffer window = new UnsafeBuffer(0, 0);
    private final ControlledFragmentHandler reassemble = this::onFragment;
    private int target;
    private int expected;
    private int filled;
    private boolean complete;
    private int idles;

    /** @param driver the embedded driver the initiator's side owns, closed last; null for the peer */
    AeronIpcTransport(Aeron aeron, ExclusivePublication publication, Subscription subscription, MediaDriver driver, int chunk) {
        this.aeron = aeron;
        this.publication = publication;
        this.subscription = subscription;
        this.driver = driver;
        this.driverInvoker = driver == null ? null : driver.sharedAgentInvoker();
        this.clientInvoker = aeron.conductorAgentInvoker();
        this.chunk = chunk;
    }

    @Override
    public void send(Message message, int length) throws IOException {
        window.wrap(message.address(), length);
        for (int offset = 0; offset < length; offset += chunk) {
            long result;
            while ((result = publication.offer(window, offset, Math.min(chunk, length - offset))) < 0) {
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
                    throw new IOException("aeron-ipc: the publication refused a message (" + Publication.errorString(result) + ")");
                }
                idle(); // not connected yet, back-pressured, or an admin action: try again
            }
        }
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        window.wrap(message.address(), length);
        for (int offset = 0; offset < length; offset += chunk) {
            target = offset;
            expected = Math.min(chunk, length - offset);
            filled = 0;
            complete = false;
            while (!complete) {
                if (subscription.controlledPoll(reassemble, Integer.MAX_VALUE) == 0) {
                    idle();
                }
            }
            if (filled != expected) {
                throw new IOException("aeron-ipc: a message of " + filled + "+ bytes where " + expected + " were due");
            }
        }
    }

    /**
     * One turn of a wait. On the initiator's side every {@link #INVOKE_EVERY}th turn also runs a duty
     * cycle of the driver and of the client's conductor: often enough that the publisher's limit
     * moves within microseconds of a back-pressured send, rarely enough that a wait for a message
     * is not a wait for a duty cycle to end.
     */
    private void idle() throws IOException {
        if (driverInvoker != null && (++idles & INVOKE_EVERY - 1) == 0) {
            driverInvoker.invoke();
            clientInvoker.invoke();
        }
        spin.idle();
    }

    /** Copies each fragment where it belongs; stops the poll at the end of the message, leaving the next one queued. */
    private Action onFragment(DirectBuffer buffer, int offset, int length, Header header) {
        byte flags = header.flags();
        if ((flags & FrameDescriptor.BEGIN_FRAG_FLAG) != 0) {
            filled = 0;
        }
        if (filled + length > expected) {
            filled += length;
            complete = true; // too long: receive() reports it
            return Action.BREAK;
        }
        buffer.getBytes(offset, window, target + filled, length);
        filled += length;
        if ((flags & FrameDescriptor.END_FRAG_FLAG) != 0) {
            complete = true;
            return Action.BREAK;
        }
        return Action.CONTINUE;
    }

    @Override
    public void peerGone() {
        spin.peerGone();
    }

    @Override
    public void close() {
        CloseHelper.closeAll(publication, subscription, aeron, driver);
    }
}
