package io.ipcbench.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.nativeio.KernelLimits;
import io.ipcbench.nativeio.NativeException;
import io.ipcbench.nativeio.PosixMq;
import io.ipcbench.nativeio.SysV;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.testing.Sysctl;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Workspace;

/**
 * The kernel objects each System V and POSIX transport creates: owner-only (0600, checked with
 * IPC_STAT), removed by close, and never left by a rendezvous whose peer never came.
 */
@ExtendWith(NoLeftovers.class)
class SysVObjectsTest {

    @Test
    void sharedMemorySegmentsAreOwnerOnly() throws Exception {
        for (String transport : TransportRegistry.names().stream().filter(name -> name.startsWith("shm-")).toList()) {
            try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind(transport).prepare(workspace, 4096)) {
                int shmid = Integer.parseInt(rendezvous.address().split("/")[0]);
                assertThat(SysV.stat("shm", shmid).mode()).as(transport + " segment mode").isEqualTo(0600);
            }
        }
    }

    @Test
    void semaphoreSetIsOwnerOnly() throws Exception {
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind("shm-sem").prepare(workspace, 64)) {
            int semid = Integer.parseInt(rendezvous.address().split("/")[1]);
            assertThat(SysV.stat("sem", semid).mode()).isEqualTo(0600);
        }
    }

    @Test
    void messageQueueIsOwnerOnly() throws Exception {
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind("sysv-mq").prepare(workspace, 64)) {
            assertThat(SysV.stat("msg", Integer.parseInt(rendezvous.address())).mode()).isEqualTo(0600);
        }
    }

    @Test
    void posixQueueNamesAreGoneAfterTheRendezvousCloses() throws Exception {
        String base;
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind("posix-mq").prepare(workspace, 64)) {
            base = rendezvous.address();
            PosixMq.close(PosixMq.open(PosixMqKind.toPeer(base))); // exists while the rendezvous is open
        }
        assertThatThrownBy(() -> PosixMq.open(PosixMqKind.toPeer(base))).isInstanceOf(NativeException.class).hasMessageContaining("ENOENT");
        assertThatThrownBy(() -> PosixMq.open(PosixMqKind.toInitiator(base))).hasMessageContaining("ENOENT");
    }

    @Test
    void chunkSizesFollowTheKernelLimits() {
        long msgmax = KernelLimits.readLong(KernelLimits.MSGMAX, -1);
        long mqMax = KernelLimits.readLong(KernelLimits.MQ_MSGSIZE_MAX, -1);
        assertThat(TransportRegistry.kind("sysv-mq").chunkSize(1 << 20)).isEqualTo(msgmax);
        assertThat(TransportRegistry.kind("sysv-mq").chunkSize(64)).isEqualTo(64);
        assertThat(TransportRegistry.kind("posix-mq").chunkSize(1 << 20)).isEqualTo(mqMax);
        assertThat(TransportRegistry.kind("pipe").chunkSize(1 << 20)).isEqualTo(1 << 20);
    }

    @Test
    void limitsAreReadWhole() throws IOException {
        // Files.readString trusts the size /proc reports and returned "8" for 8192: compare with cat
        for (String limit : KernelLimits.all().keySet()) {
            Process cat = new ProcessBuilder("cat", "/proc/sys/" + limit.replace('.', '/')).start();
            String expected = new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            assertThat(KernelLimits.read(limit)).as(limit).isEqualTo(expected.replaceAll("\\s+", " "));
        }
    }

    @Test
    void aSegmentTooLargeNamesWhatRefusedIt() {
        // with the default "no limit" shmmax and shmall, it is memory that refuses (ENOMEM), not a shm limit
        assertThatThrownBy(() -> SysV.shmCreate(Long.MAX_VALUE / 2))
                .isInstanceOf(NativeException.class)
                .hasMessageContaining("shmget")
                .hasMessageMatching(".*(EINVAL.*kernel\\.shmmax|ENOMEM.*would not commit|ENOSPC.*kernel\\.shm(all|mni)).*");
    }

    /** With kernel.shmmni really reached (root only; restored afterwards), shmget's ENOSPC names it, not kernel.shmall. */
    @Test
    void noSegmentIdLeftNamesShmmni() throws Exception {
        long segments = NoLeftovers.objects().stream().filter(object -> object.startsWith("sysv shm ")).count();
        String shmmni = Long.toString(segments + 1);
        Sysctl.with(KernelLimits.SHMMNI, shmmni, () -> {
            int last = SysV.shmCreate(4096);
            try {
                assertThatThrownBy(() -> SysV.shmCreate(4096))
                        .hasMessageContaining("ENOSPC")
                        .hasMessageContaining("kernel.shmmni = " + shmmni + ": every segment id is taken")
                        .hasMessageNotContaining("shmall");
            } finally {
                SysV.shmRemove(last);
            }
        });
    }
}
