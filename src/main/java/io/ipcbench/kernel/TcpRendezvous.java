package io.ipcbench.kernel;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import io.ipcbench.transport.PeerHandle;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;

/**
 * The initiator's side of a TCP trial ({@code tcp} and {@code tcp-jdk} alike): a {@link TokenGate}
 * on a loopback port, whose number the peer gets as its address, and the random token it must
 * present, which it gets through its environment (readable only by this user).
 *
 * @param <C> a connection of the gate's listener
 */
final class TcpRendezvous<C> implements Rendezvous {
    static final String TOKEN_VARIABLE = "IPCBENCH_TCP_TOKEN";
    private static final int TOKEN_BYTES = 16;

    /** Makes the initiator's side of the connection the gate lets in (TCP_NODELAY set). */
    interface Connected<C> {
        Transport transport(C connection) throws IOException;
    }

    private final TokenGate<C> gate;
    private final byte[] token;
    private final Connected<C> connected;

    private TcpRendezvous(TokenGate<C> gate, byte[] token, Connected<C> connected) {
        this.gate = gate;
        this.token = token;
        this.connected = connected;
    }

    /** A gate over {@code listener} for a new random token. */
    static <C> TcpRendezvous<C> open(LoopbackListener<C> listener, Connected<C> connected) {
        byte[] token = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(token);
        return new TcpRendezvous<>(new TokenGate<>(listener, token), token, connected);
    }

    /** Peer side: the token its initiator put into its environment. */
    static byte[] tokenFromEnvironment() throws IOException {
        String token = System.getenv(TOKEN_VARIABLE);
        if (token == null) {
            throw new IOException("tcp: no " + TOKEN_VARIABLE + " in the environment");
        }
        return HexFormat.of().parseHex(token);
    }

    @Override
    public String address() {
        return Integer.toString(gate.port());
    }

    @Override
    public Map<String, String> peerEnvironment() {
        return Map.of(TOKEN_VARIABLE, HexFormat.of().formatHex(token));
    }

    @Override
    public Transport accept(PeerHandle peer) throws IOException {
        return connected.transport(gate.admit());
    }

    @Override
    public void abort() {
        gate.abort();
    }

    @Override
    public void close() {
        gate.close();
    }
}
