package io.ipcbench.kernel;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code uds-jdk}: {@code uds} through the JDK's NIO {@link SocketChannel} (the suite's {@code uds}
 * until it moved to libc's calls), so that beside {@code uds} a reader sees what the JDK's layer
 * costs. The socket file is the {@link UdsRendezvous}'s.
 */
public final class UdsJdkKind implements TransportKind {

    /** The JDK layer's cost is measured blocking, as Java code uses it; the mechanism polled is {@code uds}'s row. */
    @Override
    public TransportKind waiting(WaitMode wait) {
        if (wait.equals(waitMode())) {
            return this;
        }
        throw new IllegalArgumentException("uds-jdk cannot run wait=" + wait.label() + ": it shows what the JDK's blocking"
                + " SocketChannel costs beside uds; the socket polled is -p transport=uds -p wait=" + wait.label());
    }

    /** As the wait: the JDK's layer is shown at the JDK's defaults; sized buffers are {@code uds}'s rows. */
    @Override
    public TransportKind holding(Capacity capacity) {
        if (capacity.isDefault()) {
            return this;
        }
        throw new IllegalArgumentException("uds-jdk cannot run capacity=" + capacity.label() + ": it shows what the JDK's"
                + " SocketChannel costs at its defaults beside uds; the socket with sized buffers is -p transport=uds -p capacity="
                + capacity.label());
    }

    @Override
    public String name() {
        return "uds-jdk";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) throws IOException {
        Path path = UdsRendezvous.socketPath(workspace);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path), 1);
        return new UdsRendezvous(path, new UdsRendezvous.Listener() {
            @Override
            public Transport accept() throws IOException {
                return new JdkSocketTransport(server.accept(), "uds-jdk");
            }

            /** Closing the server channel wakes a blocked accept. */
            @Override
            public void stop() {
                close();
            }

            @Override
            public void close() {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the listening socket is of no further use either way
                }
            }
        });
    }

    @Override
    public Transport attach(String address, int payload) throws IOException {
        return new JdkSocketTransport(SocketChannel.open(UnixDomainSocketAddress.of(address)), "uds-jdk");
    }
}
