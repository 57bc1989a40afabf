package io.ipcbench.shm;

import java.io.IOException;
import java.nio.file.Path;

import io.ipcbench.nativeio.DescriptorPassing;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.PeerHandle;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;

/**
 * The rendezvous of a ring whose descriptors the peer must hold ({@code shm-eventfd}'s eventfds,
 * the memfd of {@code memfd-ring} and {@code io-uring}): the
 * initiator listens on a socket in the trial's private directory, and accepting waits for the peer
 * to connect, hands it the descriptors (SCM_RIGHTS) and removes the socket, before the segment's
 * own rendezvous takes over. The wait is a poll in slices, so {@link #abort()} ends it.
 */
final class DescriptorRendezvous implements Rendezvous {
    private static final int SLICE_MILLIS = 100;

    /** What the initiator does with the connection after handing the descriptors over (io-uring reads the peer's answer). */
    interface Answer {
        void read(int connection, PeerHandle peer, String what) throws IOException;
    }

    private final Rendezvous segment;
    private final String transport;
    private final Path socket;
    private final int[] descriptors;
    private final Answer answer;
    private int listening;
    private boolean accepting;
    private volatile boolean aborted;

    /**
     * @param segment the segment's rendezvous, whose address names the socket too
     * @param transport the mechanism's name, for error messages
     * @param descriptors what the peer is handed, in the order it expects them
     * @param answer what to read back from the peer before closing the connection, or null
     */
    DescriptorRendezvous(Rendezvous segment, String transport, Path socket, int[] descriptors, Answer answer) {
        this.segment = segment;
        this.transport = transport;
        this.socket = socket;
        this.descriptors = descriptors.clone();
        this.answer = answer;
        this.listening = DescriptorPassing.listen(socket);
    }

    @Override
    public String address() {
        return segment.address();
    }

    @Override
    public Transport accept(PeerHandle peer) throws IOException {
        synchronized (this) {
            if (listening < 0) {
                throw new IOException(transport + ": the rendezvous was closed");
            }
            accepting = true;
        }
        try {
            int connection = -1;
            while (connection < 0) {
                if (aborted) {
                    throw new IOException(transport + ": the peer went away before it fetched the descriptors");
                }
                connection = DescriptorPassing.accept(listening, SLICE_MILLIS, transport + " socket " + socket);
            }
            try {
                DescriptorPassing.send(connection, descriptors, transport + " socket " + socket);
                if (answer != null) {
                    answer.read(connection, peer, transport + " socket " + socket);
                }
            } finally {
                Sys.close(connection);
            }
        } finally {
            synchronized (this) {
                accepting = false;
                stopListening();
            }
        }
        return segment.accept(peer);
    }

    @Override
    public void abort() {
        aborted = true;
        segment.abort();
    }

    /** A thread still accepting closes the socket itself, within a slice: its descriptor must not be reused under it. */
    @Override
    public void close() {
        synchronized (this) {
            if (accepting) {
                aborted = true;
            } else {
                stopListening();
            }
        }
        segment.close();
    }

    private void stopListening() {
        if (listening >= 0) {
            Sys.close(listening);
            listening = -1;
            socket.toFile().delete();
        }
    }
}
