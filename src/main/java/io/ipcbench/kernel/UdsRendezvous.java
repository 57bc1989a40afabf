package io.ipcbench.kernel;

import java.io.IOException;
import java.nio.file.Path;

import io.ipcbench.transport.PeerHandle;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * The initiator's side of a Unix domain socket trial ({@code uds} and {@code uds-jdk} alike): the
 * socket file, in the trial's private 0700 directory so that only this user can connect, whose path
 * is the peer's address; it is unlinked once the peer is accepted.
 */
final class UdsRendezvous implements Rendezvous {
    private static final String SOCKET = "peer.sock";

    /** A listening socket, through libc's calls or the JDK's. */
    interface Listener {
        /** Blocks until the peer connects; returns the initiator's side. */
        Transport accept() throws IOException;

        /** From another thread: ends a blocked {@link #accept()}, which then throws. */
        void stop();

        void close();
    }

    private final Path path;
    private final Listener listener;

    UdsRendezvous(Path path, Listener listener) {
        this.path = path;
        this.listener = listener;
    }

    /** Where the trial's socket file goes. */
    static Path socketPath(Workspace workspace) {
        return workspace.resolve(SOCKET);
    }

    @Override
    public String address() {
        return path.toString();
    }

    @Override
    public Transport accept(PeerHandle peer) throws IOException {
        return listener.accept();
    }

    @Override
    public void abort() {
        listener.stop();
    }

    @Override
    public void close() {
        listener.close();
        path.toFile().delete();
    }
}
