package io.ipcbench.kernel;

import java.io.IOException;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.core.Message;
import io.ipcbench.nativeio.Sockets;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.PollableKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code tcp}: TCP over loopback with TCP_NODELAY, the network-stack reference, made with libc's
 * socket calls and moved through read(2)/write(2) like the pipes ({@link FdStream}); the JDK's
 * channels are {@code tcp-jdk}. Any local user can connect to a loopback port, so the peer proves
 * itself with a random token it got through its environment (readable only by this user); the
 * {@link TokenGate} drops every other connection without letting it delay the peer.
 */
public final class TcpKind extends PollableKind {
    /**
     * The smallest {@code -p capacity=}: a loopback segment (lo's MTU is 64 KiB). With smaller
     * buffers the receive window falls below the sender's segment and each segment waits for the
     * 200 ms persist timer: 4 MiB over loopback with SO_SNDBUF = SO_RCVBUF = 16384 (a capacity of
     * 32768, as the kernel doubles it) moved at 0.2 MB/s here, 28672 at 20 MB/s, 32768 and more
     * at 0.7–5.4 GB/s.
     */
    static final long MIN_CAPACITY = 65536;

    public TcpKind() {
        this(WaitMode.BLOCK, Capacity.DEFAULT);
    }

    private TcpKind(WaitMode wait, Capacity capacity) {
        super(wait, capacity, TcpKind::new);
        if (!capacity.isDefault() && capacity.bytes() < MIN_CAPACITY) {
            throw new IllegalArgumentException("tcp cannot run capacity=" + capacity.label() + ": below " + MIN_CAPACITY
                    + " bytes the receive window is smaller than a loopback segment and every segment waits for TCP's 200 ms"
                    + " persist timer, so the row would measure the timer; use capacity=" + MIN_CAPACITY + " or more");
        }
    }

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        return TcpRendezvous.open(NativeLoopbackListener.open(TokenGate.BACKLOG, TokenGate.MAX_PENDING), fd -> {
            SocketFd socket = new SocketFd(fd);
            try {
                Sockets.noDelay(fd);
            } catch (RuntimeException e) {
                socket.close();
                throw e;
            }
            return FdStream.socket(socket, "tcp", waitMode(), capacity());
        });
    }

    @Override
    public Transport attach(String address, int payload) throws IOException {
        byte[] token = TcpRendezvous.tokenFromEnvironment();
        SocketFd socket = new SocketFd(Sockets.connectLoopback(Integer.parseInt(address)));
        Transport transport = FdStream.socket(socket, "tcp", waitMode(), capacity());
        try {
            Sockets.noDelay(socket.fd());
            Message proof = new Message(token.length);
            proof.buffer().put(0, token);
            transport.send(proof, token.length);
            return transport;
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }
}
