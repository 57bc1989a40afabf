package io.ipcbench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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
 * The native sockets' {@code peerGone()} ends a wait that the other process, alive and holding its
 * end, would never end: a receive blocked while the peer waits too. (A dead peer's end is closed by
 * the kernel, which ends the wait by itself: {@code PeerSessionTest} kills peers.)
 */
@ExtendWith(NoLeftovers.class)
class SocketPeerGoneTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(strings = {"uds", "tcp"})
    void peerGoneEndsABlockedReceive(String transport) throws Exception {
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind(transport).prepare(workspace, 64)) {
            PeerProcess peer = PeerProcess.start(RawEchoPeer.class, List.of(transport, rendezvous.address(), "64"),
                    rendezvous.peerEnvironment(), 10_000);
            try (Transport channel = rendezvous.accept(peer)) {
                // the echo peer waits for our message while we wait for one of its: nobody sends
                CompletableFuture<Void> receive = CompletableFuture.runAsync(() -> {
                    try {
                        channel.receive(new Message(64), 64);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                Thread.sleep(200); // let it block in read(2); were it not blocked yet, it would end all the same
                channel.peerGone();
                assertThat(receive).failsWithin(HANG_GUARD).withThrowableOfType(ExecutionException.class)
                        .withMessageContaining("the other side closed the channel");
            } finally {
                peer.stop(10_000);
            }
        }
    }
}
