package io.ipcbench.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
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
 * {@code uds-jdk} and {@code tcp-jdk}: {@code uds} and {@code tcp} through the JDK's NIO
 * {@link SocketChannel} (the suite's own until it moved to libc's calls), so that beside them a
 * reader sees what the JDK's layer costs. Each is shown as Java code uses it — blocking, at the
 * JDK's buffer sizes — so both refuse the wait and capacity axes in one line that names the row
 * which has them. {@code uds-jdk}'s socket file is the {@link UdsRendezvous}'s; {@code tcp-jdk}
 * runs over loopback with TCP_NODELAY, its peer proving itself with the trial's token
 * ({@link TcpRendezvous}).
 */
public final class JdkSocketKind implements TransportKind {
    public static final JdkSocketKind UDS = new JdkSocketKind("uds");
    public static final JdkSocketKind TCP = new JdkSocketKind("tcp");

    /** The suite's own transport this one mirrors: "uds" or "tcp". */
    private final String socket;

    private JdkSocketKind(String socket) {
        this.socket = socket;
    }

    /** Java's own socket channels: no system call by number. */
    @Override
    public boolean callsByNumber() {
        return false;
    }

    @Override
    public String name() {
        return socket + "-jdk";
    }

    /** The JDK layer's cost is measured blocking, as Java code uses it; the mechanism polled is the native socket's row. */
    @Override
    public TransportKind waiting(WaitMode wait) {
        if (wait.equals(waitMode())) {
            return this;
        }
        throw new IllegalArgumentException(name() + " cannot run wait=" + wait.label() + ": it shows what the JDK's blocking"
                + " SocketChannel costs beside " + socket + "; the socket polled is -p transport=" + socket + " -p wait=" + wait.label());
    }

    /** As the wait: the JDK's layer is shown at the JDK's defaults; sized buffers are the native socket's rows. */
    @Override
    public TransportKind holding(Capacity capacity) {
        if (capacity.isDefault()) {
            return this;
        }
        throw new IllegalArgumentException(name() + " cannot run capacity=" + capacity.label() + ": it shows what the JDK's"
                + " SocketChannel costs at its defaults beside " + socket + "; the socket with sized buffers is -p transport=" + socket
                + " -p capacity=" + capacity.label());
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) throws IOException {
        if (this == TCP) {
            return TcpRendezvous.open(JdkLoopbackListener.open(TokenGate.BACKLOG), channel -> {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                return new JdkSocketTransport(channel, name());
            });
        }
        Path path = UdsRendezvous.socketPath(workspace);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path), 1);
        return new UdsRendezvous(path, new UdsRendezvous.Listener() {
            @Override
            public Transport accept() throws IOException {
                return new JdkSocketTransport(server.accept(), name());
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
        if (this == UDS) {
            return new JdkSocketTransport(SocketChannel.open(UnixDomainSocketAddress.of(address)), name());
        }
        byte[] token = TcpRendezvous.tokenFromEnvironment();
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(address)));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ByteBuffer proof = ByteBuffer.wrap(token);
        while (proof.hasRemaining()) {
            channel.write(proof);
        }
        return new JdkSocketTransport(channel, name());
    }
}
