package io.ipcbench.transport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@code tcp}: TCP over loopback with TCP_NODELAY, the network-stack reference. Any local user can
 * connect to a loopback port, so the peer proves itself with a random token it got through its
 * environment (readable only by this user); connections without it are dropped.
 */
final class TcpKind implements TransportKind {
    static final String TOKEN_VARIABLE = "IPCBENCH_TCP_TOKEN";
    private static final int TOKEN_BYTES = 16;
    private static final int TOKEN_TIMEOUT_MILLIS = 2000;

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) throws IOException {
        byte[] token = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(token);
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
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
                while (true) {
                    SocketChannel channel = server.accept();
                    if (presentsToken(channel, token)) {
                        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        return new SocketTransport(channel, "tcp");
                    }
                    channel.close();
                }
            }

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
            }
        };
    }

    /** Reads the token through the socket adaptor, whose reads honour a timeout. */
    private static boolean presentsToken(SocketChannel channel, byte[] expected) throws IOException {
        channel.socket().setSoTimeout(TOKEN_TIMEOUT_MILLIS);
        byte[] presented = new byte[expected.length];
        try {
            new DataInputStream(channel.socket().getInputStream()).readFully(presented);
        } catch (SocketTimeoutException | EOFException e) {
            return false;
        }
        channel.socket().setSoTimeout(0);
        return MessageDigest.isEqual(expected, presented);
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
