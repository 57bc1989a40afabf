package io.ipcbench.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.core.PeerMode;
import io.ipcbench.nativeio.KernelLimits;
import io.ipcbench.nativeio.NativeException;
import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.nativeio.SysV;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.testing.Sysctl;

/**
 * A System V queue holds kernel.msgmnb bytes, so a chunk larger than that (the payload, capped by
 * kernel.msgmax) can never be sent: msgsnd would wait until the watchdog killed a peer that was
 * never at fault. Such a trial is refused before it starts, in one line naming both settings.
 */
@ExtendWith(NoLeftovers.class)
class QueueTooSmallTest {
    private static final String REFUSAL = "sysv-mq: payload 65536 travels in 8192-byte messages (kernel.msgmax = 8192), which never fit"
            + " a queue of kernel.msgmnb = 4096 bytes; raise kernel.msgmnb to 8192 or more, or lower kernel.msgmax to 4096 or less";

    @Test
    void aChunkLargerThanTheQueueIsRefused() {
        try (var msgmax = KernelLimits.override(KernelLimits.MSGMAX, "8192"); var msgmnb = KernelLimits.override(KernelLimits.MSGMNB, "4096")) {
            TransportKind kind = TransportRegistry.kind("sysv-mq");
            assertThatThrownBy(() -> kind.checkPayload(65536)).isInstanceOf(IllegalArgumentException.class).hasMessage(REFUSAL);
            assertThatThrownBy(() -> kind.checkPayload(4097)).hasMessageContaining("4097-byte messages");
            kind.checkPayload(4096); // fills the queue exactly: fits
            assertThatThrownBy(() -> TrialSpec.parse("sysv-mq", "65536", "unpinned", PeerMode.ECHO)).hasMessage(REFUSAL);
            TrialSpec.parse("posix-mq", "65536", "unpinned", PeerMode.ECHO); // only sysv-mq's queues are bound by msgmnb
        }
    }

    @Test
    void prepareRefusesBeforeMakingAQueue() throws Exception {
        Set<String> before = queues();
        try (var msgmax = KernelLimits.override(KernelLimits.MSGMAX, "8192"); var msgmnb = KernelLimits.override(KernelLimits.MSGMNB, "4096");
                Workspace workspace = Workspace.create()) {
            assertThatThrownBy(() -> TransportRegistry.kind("sysv-mq").prepare(workspace, 65536)).hasMessage(REFUSAL);
            assertThat(queues()).as("no queue made").isEqualTo(before);
        }
    }

    private static Set<String> queues() {
        return NoLeftovers.objects().stream().filter(object -> object.startsWith("sysv msg ")).collect(Collectors.toSet());
    }

    /** The kernel itself, with kernel.msgmnb really lowered (root only; restored afterwards). */
    @Test
    void theKernelReallyCannotSendIt() throws Exception {
        Sysctl.with(KernelLimits.MSGMNB, "4096", () -> {
            assertThatThrownBy(() -> TrialSpec.parse("sysv-mq", "65536", "unpinned", PeerMode.ECHO))
                    .hasMessageContaining("kernel.msgmnb = 4096 bytes; raise kernel.msgmnb to");
            int msqid = SysV.msgCreate(); // holds 4096 bytes for its whole life
            try {
                NativeMemory message = new NativeMemory(Long.BYTES + 8192);
                message.putLong(0, 1);
                SysV.msgSend(msqid, message.address(), 4096); // fits: goes in at once
                SysV.msgReceive(msqid, message.address(), 8192, 1);
                CompletableFuture<Throwable> send = CompletableFuture.supplyAsync(() -> {
                    try {
                        SysV.msgSend(msqid, message.address(), 8192);
                        return null;
                    } catch (NativeException e) {
                        return e;
                    }
                });
                Thread.sleep(500);
                assertThat(send).as("an 8192-byte msgsnd into an empty 4096-byte queue").isNotDone();
                SysV.msgRemove(msqid); // what the watchdog used to do, 8 s later, blaming the peer
                assertThat(send.get(5, TimeUnit.SECONDS)).hasMessageContaining("EIDRM");
            } finally {
                SysV.msgRemove(msqid);
            }
        });
    }
}
