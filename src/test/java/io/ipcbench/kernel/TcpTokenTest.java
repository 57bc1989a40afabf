package io.ipcbench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ipcbench.core.Message;
import io.ipcbench.peer.PeerProcess;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.transport.RawEchoPeer;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * Any local user can connect to a loopback port: a connection without the trial's token is dropped,
 * and no such connection may delay the peer; through libc's calls ({@code tcp}) and the JDK's
 * ({@code tcp-jdk}) alike.
 */
@ExtendWith(NoLeftovers.class)
class TcpTokenTest {
    /** More than the gate keeps waiting at once, so the oldest are evicted too. */
    private static final int SILENT_STRANGERS = TokenGate.MAX_PENDING + 16;
    /** Below one silent stranger's 2 s token deadline: the peer waited for none of them. */
    private static final long ADMISSION_BOUND_MILLIS = 1_500;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "tcp-jdk"})
    void aStrangerIsDroppedAndThePeerStillGetsIn(String transport) throws Exception {
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind(transport).prepare(workspace, 64);
                Socket stranger = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(rendezvous.address()))) {
            stranger.getOutputStream().write(new byte[16]); // a wrong token
            PeerProcess peer = startEchoPeer(transport, rendezvous);
            try (Transport channel = rendezvous.accept(peer)) {
                assertEchoes(channel);
                assertThat(stranger.getInputStream().read()).as("the stranger's connection was closed").isEqualTo(-1);
            } finally {
                peer.stop(10_000);
            }
        }
    }

    /**
     * Strangers that connect before the peer and say nothing (the old gate gave each 2 s, one after
     * the other, until the watchdog killed the peer) or send garbage: the peer is let in at once, and
     * every stranger is dropped.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "tcp-jdk"})
    void silentStrangersDoNotDelayThePeer(String transport) throws Exception {
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind(transport).prepare(workspace, 64)) {
            InetSocketAddress listener = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(rendezvous.address()));
            List<SocketChannel> strangers = new ArrayList<>();
            try {
                SocketChannel garbage = SocketChannel.open(listener);
                strangers.add(garbage);
                garbage.write(ByteBuffer.wrap("GET / HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII)));
                for (int i = 0; i < SILENT_STRANGERS; i++) {
                    strangers.add(connectWithoutWaiting(listener));
                }
                PeerProcess peer = startEchoPeer(transport, rendezvous);
                try {
                    peer.awaitStarted();
                    long start = System.nanoTime();
                    try (Transport channel = rendezvous.accept(peer)) {
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        assertThat(millis).as("ms to let the peer in past %d silent strangers", SILENT_STRANGERS)
                                .isLessThan(ADMISSION_BOUND_MILLIS);
                        assertEchoes(channel);
                        for (int i = 0; i < strangers.size(); i++) {
                            assertThat(wasDropped(strangers.get(i))).as("stranger %d was dropped", i).isTrue();
                        }
                    }
                } finally {
                    peer.stop(10_000);
                }
            } finally {
                for (SocketChannel stranger : strangers) {
                    stranger.close();
                }
            }
        }
    }

    private static PeerProcess startEchoPeer(String transport, Rendezvous rendezvous) throws IOException {
        return PeerProcess.start(RawEchoPeer.class, List.of(transport, rendezvous.address(), "64"), rendezvous.peerEnvironment(), 10_000);
    }

    private static void assertEchoes(Transport channel) throws IOException {
        Message message = new Message(64);
        message.stamp(7, 64);
        channel.send(message, 64);
        Message echo = new Message(64);
        channel.receive(echo, 64);
        assertThat(echo.head()).isEqualTo(7);
    }

    /** Starts a connection and returns at once, whether or not the listener's backlog has room for it. */
    private static SocketChannel connectWithoutWaiting(InetSocketAddress listener) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.connect(listener);
        return channel;
    }

    /** True if the other end closed or reset the connection (or refused it) within a second. */
    private static boolean wasDropped(SocketChannel stranger) throws IOException {
        try {
            stranger.configureBlocking(true);
            stranger.finishConnect();
            stranger.socket().setSoTimeout(1_000);
            return stranger.socket().getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
