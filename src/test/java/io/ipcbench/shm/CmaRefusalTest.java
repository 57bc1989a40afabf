package io.ipcbench.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.core.Message;
import io.ipcbench.nativeio.PtraceRights;
import io.ipcbench.peer.PeerProcess;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * {@code cma} where the kernel refuses the copy: a real EPERM from process_vm_writev, forced by a
 * peer that made itself non-dumpable (and, for a test run as root, by writing from a thread without
 * CAP_SYS_PTRACE, which would override it), becomes one line that says why and how to allow it.
 */
@ExtendWith(NoLeftovers.class)
class CmaRefusalTest {

    @Test
    void aPeerThisProcessMayNotPtraceIsRefusedInOneLine() throws Exception {
        Message message = new Message(64);
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind("cma").prepare(workspace, 64)) {
            PeerProcess peer = PeerProcess.start(NonDumpableCmaPeer.class, List.of(rendezvous.address()), rendezvous.peerEnvironment(),
                    10_000);
            try (Transport channel = rendezvous.accept(peer)) {
                peer.awaitStarted();
                Throwable refusal = assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> catchThrowable(() -> PtraceRights.withoutCapSysPtrace(() -> {
                            channel.send(message, 64); // waits for the peer's credit, then writes into it
                            return null;
                        })));
                assertThat(refusal).isInstanceOf(IOException.class);
                assertThat(refusal.getMessage()).doesNotContain("\n")
                        .startsWith("cma: process_vm_writev into pid " + peer.pid() + " was refused (EPERM)")
                        .contains("may not ptrace", "kernel.yama.ptrace_scope", "PR_SET_PTRACER", "CAP_SYS_PTRACE", "PR_SET_DUMPABLE");
            } finally {
                peer.kill();
            }
        }
    }
}
