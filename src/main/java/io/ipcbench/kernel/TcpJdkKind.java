package io.ipcbench.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import io.ipcbench.transport.PeerHandle;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code tcp}: TCP over loopback with TCP_NODELAY, the network-stack reference. Any local user can
 * connect to a loopback port, so the peer proves itself with a random token it got through its
 * environment (readable only by this user); the {@link TokenGate} drops every other connection
 * without letting it delay the peer.
 */
public final class TcpKind implements TransportKind {
    static final String TOKEN_VARIABLE = "IPCBENCH_TCP_TOKEN";
    private static final int TOKEN_BYTES = 16;

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) throws IOException {
        byte[] token = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(token);
        TokenGate gate = TokenGate.open(token);
        int port = gate.port();
        return new Rendezvous() {
            @Override
            public String address() {
                return Integer.toString(port);
            }

            @Override
            public Map<String, String> peerEnvironment() {
                return Map.of(TOKEN_VARIABLE, HexFormat.of().formatHex(token));
            }

            @Override
            public Transport accept(PeerHandle peer) throws IOException {
                SocketChannel channel = gate.admit();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                return new SocketTransport(channel, "tcp");
            }

            @Override
            public void abort() {
                gate.abort();
            }

            @Override
            public void close() {
                gate.close();
            }
        };
    }

    @Override
    public Transport attach(String address, int payload) throws IOException {
        String token = System.getenv(TOKEN_VARIABLE);
        if (token == null) {
            throw new IOException("tcp: no " + TOKEN_VARIABLE + " in the environment");
        }
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(address)));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ByteBuffer proof = ByteBuffer.wrap(HexFormat.of().parseHex(token));
        while (proof.hasRemaining()) {
            channel.write(proof);
        }
        return new SocketTransport(channel, "tcp");
    }
}
