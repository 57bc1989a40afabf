package io.ipcbench.transport;

/**
 * The rendezvous of mechanisms whose kernel objects exist as soon as the initiator made them (System
 * V and POSIX queues, shared memory): the peer attaches by id or name, so accepting waits for
 * nothing and the handshake that follows proves the peer is there.
 */
public final class AttachByIdRendezvous implements Rendezvous {
    private final String address;
    private final Transport transport;
    private final Runnable dropNames;
    private boolean accepted;

    /**
     * @param transport the initiator's side, ready before the peer attaches
     * @param dropNames removes what lets others find the objects, once both sides hold them
     */
    public AttachByIdRendezvous(String address, Transport transport, Runnable dropNames) {
        this.address = address;
        this.transport = transport;
        this.dropNames = dropNames;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Transport accept(PeerHandle peer) {
        accepted = true;
        transport.bindToCurrentThread();
        return transport;
    }

    /** The peer died before or while attaching: end every wait of the initiator's side. */
    @Override
    public void abort() {
        transport.peerGone();
    }

    /** Drops the names; the objects themselves go with the transport, or here if it was never accepted. */
    @Override
    public void close() {
        dropNames.run();
        if (!accepted) {
            transport.close();
        }
    }
}
