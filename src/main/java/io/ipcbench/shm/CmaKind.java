package io.ipcbench.shm;

import java.io.IOException;
import java.util.Map;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.CrossMemory;
import io.ipcbench.nativeio.TransparentHugePages;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.PeerHandle;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code cma}: cross-memory attach. The sender copies each message with one
 * {@code process_vm_writev} straight from its buffer into the receiver's, which the receiver named
 * in a credit it posted in a small System V segment; the futex wake-up of {@code shm-futex} says
 * "credit posted" and "written" (docs/transports.md, "Single copy: cma"). One copy per message,
 * against two for every other channel.
 *
 * <p>The segment holds no payload: two rings of one 64-byte slot, one per direction, each carrying
 * its reader's credits. It is made, recorded and removed as {@code shm-futex}'s is. The kernel lets
 * a process write into another only where it may ptrace it; where it may not, the first message
 * fails with one line that says why and how to allow it ({@link CrossMemory}).
 */
public final class CmaKind implements TransportKind {
    /** One credit at a time per direction: an address and a length in a slot. */
    static final SegmentLayout LAYOUT = SegmentLayout.of(SegmentLayout.SLOT_ALIGNMENT, 1);
    /** The option that splits each message's copy between the two sides, on huge-page buffers. */
    static final String SPLIT = "split";
    private final WaitMode wait;
    private final boolean split;

    public CmaKind() {
        this(WaitMode.BLOCK, false);
    }

    private CmaKind(WaitMode wait, boolean split) {
        this.wait = wait;
        this.split = split;
    }

    @Override
    public String name() {
        return split ? "cma:" + SPLIT : "cma";
    }

    /**
     * {@code split}: message buffers on transparent huge pages, and each message's one copy split
     * between the sender's process_vm_writev (the first half) and the receiver's process_vm_readv
     * (the rest), which run at once on the two CPUs (docs/transports.md, "Single copy: cma").
     */
    @Override
    public TransportKind option(String option) {
        if (!split && option.equals(SPLIT)) {
            return new CmaKind(wait, true);
        }
        return TransportKind.super.option(option);
    }

    /** {@code cma:split} is refused before the trial starts, in one line, where transparent huge pages are off. */
    @Override
    public void checkPayload(int payload) {
        if (split) {
            String refusal = TransparentHugePages.refusal(name(), SPLIT);
            if (!refusal.isEmpty()) {
                throw new IllegalArgumentException(refusal);
            }
        }
    }

    @Override
    public WaitMode waitMode() {
        return wait;
    }

    /** block sleeps on the futex; spin and backoff poll the credit rings first ({@link PolledWakeUp}), as shm-futex does. */
    @Override
    public TransportKind waiting(WaitMode other) {
        return other.equals(wait) ? this : new CmaKind(other, split);
    }

    @Override
    public TransportKind holding(Capacity capacity) {
        if (capacity.isDefault()) {
            return this;
        }
        throw new IllegalArgumentException(name() + " cannot run capacity=" + capacity.label()
                + ": it buffers nothing, each message is written straight into the buffer the receiver named");
    }

    private WakeUp wakeUp(Segment segment) {
        WakeUp futex = new FutexWakeUp(segment, name());
        return wait.polls() ? new PolledWakeUp(futex, wait, name()) : futex;
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        SysVMemory memory = SysVMemory.create(LAYOUT.size(), workspace);
        Segment segment = Segment.create(memory, LAYOUT);
        Transport transport;
        try {
            transport = new CmaTransport(segment, true, wakeUp(segment), split);
        } catch (RuntimeException e) {
            segment.discard();
            throw e;
        }
        // after the handshake both sides are attached: the segment can be marked for removal
        return new NamingPtracer(new AttachByIdRendezvous(Integer.toString(memory.shmid()), transport, segment::markRemoved));
    }

    @Override
    public Transport attach(String address, int payload) throws IOException {
        Segment segment = Segment.attach(Integer.parseInt(address), LAYOUT);
        try {
            return new CmaTransport(segment, false, wakeUp(segment), split);
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    /**
     * Names the peer as this process's ptracer before the first message (Yama's
     * {@code ptrace_scope = 1} lets a process write only into its descendants: the peer writing
     * its echo into its parent needs this).
     */
    private static final class NamingPtracer implements Rendezvous {
        private final Rendezvous rendezvous;

        NamingPtracer(Rendezvous rendezvous) {
            this.rendezvous = rendezvous;
        }

        @Override
        public String address() {
            return rendezvous.address();
        }

        @Override
        public Map<String, String> peerEnvironment() {
            return rendezvous.peerEnvironment();
        }

        @Override
        public Transport accept(PeerHandle peer) throws IOException {
            CrossMemory.allowPtracer(peer.pid());
            return rendezvous.accept(peer);
        }

        @Override
        public void abort() {
            rendezvous.abort();
        }

        @Override
        public void close() {
            rendezvous.close();
        }
    }
}
