package io.ipcbench.library;

import java.io.IOException;
import java.nio.file.Path;

import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * {@code agrona-ring}: one Agrona {@code OneToOneRingBuffer} per direction, each over a file in the
 * trial's private directory that both processes map; both sides busy-spin. The peer is told the
 * directory. The files go with the directory once both sides have mapped them (after the handshake).
 */
public final class AgronaRingKind extends SpinningKind {
    private static final String TO_PEER = "to-peer.ring";
    private static final String TO_INITIATOR = "to-initiator.ring";

    @Override
    public String name() {
        return "agrona-ring";
    }

    /** A record is at most an eighth of the ring ({@link EighthRule}). */
    @Override
    int maxChunk() {
        return EighthRule.MAX_CHUNK;
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) throws IOException {
        int capacity = EighthRule.buffer(payload);
        MappedRing toPeer = MappedRing.create(workspace.resolve(TO_PEER), capacity);
        MappedRing toInitiator;
        try {
            toInitiator = MappedRing.create(workspace.resolve(TO_INITIATOR), capacity);
        } catch (IOException | RuntimeException e) {
            toPeer.close();
            throw e;
        }
        Transport transport = new AgronaRingTransport(toPeer, toInitiator, chunkSize(payload));
        return new AttachByIdRendezvous(workspace.dir().path().toString(), transport, () -> { });
    }

    @Override
    public Transport attach(String address, int payload) {
        MappedRing toPeer = MappedRing.open(Path.of(address, TO_PEER));
        try {
            return new AgronaRingTransport(MappedRing.open(Path.of(address, TO_INITIATOR)), toPeer, chunkSize(payload));
        } catch (RuntimeException e) {
            toPeer.close();
            throw e;
        }
    }
}
