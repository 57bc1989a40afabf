package io.ipcbench.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code tcp-jdk}: {@code tcp} through the JDK's NIO {@link SocketChannel} (the suite's {@code tcp}
 * until it moved to libc's calls), so that beside {@code tcp} a reader sees what the JDK's layer
 * costs. TCP over loopback with TCP_NODELAY; the peer proves itself with the trial's token
 * ({@link TcpRendezvous}).
 */
public final class TcpJdkKind implements TransportKind {

    /** The JDK layer's cost is measured blocking, as Java code uses it; the mechanism polled is {@code tcp}'s row. */
    @Override
    public TransportKind waiting(WaitMode wait) {
        if (wait.equals(waitMode())) {
            return this;
        }
        throw new IllegalArgumentException("tcp-jdk cannot run wait=" + wait.label() + ": it shows what the JDK's blocking"
                + " SocketChannel costs beside tcp; the socket polled is -p transport=tcp -p wait=" + wait.label());
    }

    /** As the wait: the JDK's layer is shown at the JDK's defaults; sized buffers are {@code tcp}'s rows. */
    @Override
    public TransportKind holding(Capacity capacity) {
        if (capacity.isDefault()) {
            return this;
        }
        throw new IllegalArgumentException("tcp-jdk cannot run capacity=" + capacity.label() + ": it shows what the JDK's"
                + " SocketChannel costs at its defaults beside tcp; the socket with sized buffers is -p transport=tcp -p capacity="
                + capacity.label());
    }

    @Override
    public String name() {
        return "tcp-jdk";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) throws IOException {
        return TcpRendezvous.open(JdkLoopbackListener.open(TokenGate.BACKLOG), channel -> {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new JdkSocketTransport(channel, "tcp-jdk");
        });
    }

    @Override
    public Transport attach(String address, int payload) throws IOException {
        byte[] token = TcpRendezvous.tokenFromEnvironment();
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(address)));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ByteBuffer proof = ByteBuffer.wrap(token);
        while (proof.hasRemaining()) {
            channel.write(proof);
        }
        return new JdkSocketTransport(channel, "tcp-jdk");
    }
}
