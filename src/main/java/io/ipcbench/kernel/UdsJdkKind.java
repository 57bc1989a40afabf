package io.ipcbench.kernel;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import io.ipcbench.transport.PeerHandle;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code uds}: a Unix domain stream socket (JDK NIO). The socket file lives in the trial's private
 * 0700 directory, so only this user can connect; it is unlinked once the peer is accepted.
 */
public final class UdsKind implements TransportKind {
    private static final String SOCKET = "peer.sock";

    @Override
    public String name() {
        return "uds";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) throws IOException {
        Path path = workspace.resolve(SOCKET);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path), 1);
        return new Rendezvous() {
            @Override
            public String address() {
                return path.toString();
            }

            @Override
            public Transport accept(PeerHandle peer) throws IOException {
                return new SocketTransport(server.accept(), "uds");
            }

            /** Closing the server channel wakes a blocked accept. */
            @Override
            public void abort() {
                close();
            }

            @Override
            public void close() {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the listening socket is of no further use either way
                }
                path.toFile().delete();
            }
        };
    }

    @Override
    public Transport attach(String address, int payload) throws IOException {
        return new SocketTransport(SocketChannel.open(UnixDomainSocketAddress.of(address)), "uds");
    }
}
