package io.ipcbench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.core.Message;
import io.ipcbench.peer.PeerProcess;
import io.ipcbench.testing.NoLeftovers;

/** Any local user can connect to a loopback port: a connection without the trial's token is dropped. */
@ExtendWith(NoLeftovers.class)
class TcpTokenTest {
    @Test
    void aStrangerIsDroppedAndThePeerStillGetsIn() throws Exception {
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind("tcp").prepare(workspace, 64);
                Socket stranger = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(rendezvous.address()))) {
            stranger.getOutputStream().write(new byte[16]); // a wrong token
            PeerProcess peer = PeerProcess.start(RawEchoPeer.class, List.of("tcp", rendezvous.address(), "64"),
                    rendezvous.peerEnvironment(), 10_000);
            try (Transport channel = rendezvous.accept(peer)) {
                Message message = new Message(64);
                message.stamp(7, 64);
                channel.send(message, 64);
                Message echo = new Message(64);
                channel.receive(echo, 64);
                assertThat(echo.head()).isEqualTo(7);
                assertThat(stranger.getInputStream().read()).as("the stranger's connection was closed").isEqualTo(-1);
            } finally {
                peer.stop(10_000);
            }
        }
    }
}
