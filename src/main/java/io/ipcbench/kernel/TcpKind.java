package io.ipcbench.kernel;

import java.io.IOException;

import io.ipcbench.core.WaitMode;
import io.ipcbench.core.Message;
import io.ipcbench.nativeio.Sockets;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.PollableKind;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code tcp}: TCP over loopback with TCP_NODELAY, the network-stack reference, made with libc's
 * socket calls and moved through read(2)/write(2) like the pipes ({@link FdStream}); the JDK's
 * channels are {@code tcp-jdk}. Any local user can connect to a loopback port, so the peer proves
 * itself with a random token it got through its environment (readable only by this user); the
 * {@link TokenGate} drops every other connection without letting it delay the peer.
 */
public final class TcpKind extends PollableKind {

    public TcpKind() {
        this(WaitMode.BLOCK);
    }

    private TcpKind(WaitMode wait) {
        super(wait);
    }

    @Override
    protected TransportKind withWait(WaitMode other) {
        return new TcpKind(other);
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
            return FdStream.socket(socket, "tcp", waitMode());
        });
    }

    @Override
    public Transport attach(String address, int payload) throws IOException {
        byte[] token = TcpRendezvous.tokenFromEnvironment();
        SocketFd socket = new SocketFd(Sockets.connectLoopback(Integer.parseInt(address)));
        Transport transport = FdStream.socket(socket, "tcp", waitMode());
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
