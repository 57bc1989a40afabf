package io.ipcbench.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.core.PeerMode;
import io.ipcbench.core.Placement;
import io.ipcbench.nativeio.HugePages;
import io.ipcbench.nativeio.KernelLimits;
import io.ipcbench.nativeio.MemFd;
import io.ipcbench.nativeio.NativeException;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.testing.NoLeftovers;

/**
 * The memfd ring's memory: sealed against resizing, gone from this process once both sides hold it
 * and it is unmapped (no name anywhere to leak), and its huge-page option refused in one line where
 * no huge pages are reserved. The exchange itself is every registry test's (TransportEchoTest,
 * AnnouncedWakeUpTest, KilledProcessesTest...).
 */
@ExtendWith(NoLeftovers.class)
class MemfdRingTest {

    @Test
    void theSegmentIsSealedAndLeavesNothingOnceReleased() throws IOException {
        MemfdMemory memory = MemfdMemory.create(SegmentLayout.forMessages(64).size(), false);
        int fd = memory.fd();
        assertThat(MemFd.seals(fd)).isEqualTo(MemFd.SEALS);
        assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd", String.valueOf(fd))).toString()).startsWith("/memfd:ipc-bench ring");
        Segment segment = Segment.create(memory, SegmentLayout.forMessages(64));
        segment.markRemoved(); // both sides hold it: the descriptor goes, the mapping keeps the memory
        assertThat(Path.of("/proc/self/fd", String.valueOf(fd))).satisfiesAnyOf(
                path -> assertThat(Files.exists(path)).isFalse(),
                path -> assertThat(Files.readSymbolicLink(path).toString()).doesNotStartWith("/memfd:ipc-bench"));
        assertThat(Files.readString(Path.of("/proc/self/maps"))).contains("/memfd:ipc-bench ring");
        segment.close();
        assertThat(Files.readString(Path.of("/proc/self/maps"))).doesNotContain("/memfd:ipc-bench ring");
    }

    /** A descriptor that is not a sealed ipc-bench memfd of the right size is refused, and closed. */
    @Test
    void thePeerRefusesAnUnsealedOrSmallerDescriptor() {
        MemfdMemory small = MemfdMemory.create(4096, false);
        int fd = small.fd();
        try {
            assertThatThrownBy(() -> MemfdMemory.adopt(dup(fd), 1 << 20)).isInstanceOf(IOException.class)
                    .hasMessageContaining("not an ipc-bench memfd of 1048576 bytes");
        } finally {
            small.release();
        }
    }

    /** This machine reserves no huge pages (or the test says so): the option is refused before any trial, in one line saying how. */
    @Test
    void hugePagesAreRefusedInOneLineWhereNoneAreReserved() {
        try (var none = KernelLimits.override(HugePages.NR_HUGEPAGES, "0")) {
            assertThatThrownBy(() -> new TrialSpec("memfd-ring:hugetlb", 64, Placement.CROSS_CORE, PeerMode.ECHO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("memfd-ring:hugetlb (payload 64) needs 1 huge page(s) of 2048 KiB but vm.nr_hugepages = 0 reserves none;"
                            + " reserve them (sysctl -w vm.nr_hugepages=1, as root) or drop :hugetlb");
        }
        // the kernel agrees: a huge-page memfd cannot be mapped from an empty pool
        if (KernelLimits.readLong(HugePages.NR_HUGEPAGES, 0) == 0) {
            assertThatThrownBy(() -> MemfdMemory.create(4096, true)).isInstanceOf(NativeException.class);
        }
    }

    @Test
    void hugePagesAreAcceptedWhereTheReservedPoolHoldsTheRings() {
        try (var reserved = KernelLimits.override(HugePages.NR_HUGEPAGES, "64")) {
            TrialSpec spec = new TrialSpec("memfd-ring:hugetlb", 65536, Placement.CROSS_CORE, PeerMode.SINK);
            assertThat(spec.kind().name()).isEqualTo("memfd-ring:hugetlb");
        }
    }

    @Test
    void anOptionNoTransportTakesIsOneLine() {
        assertThatThrownBy(() -> TransportRegistry.kind("memfd-ring:huge")).hasMessage("transport memfd-ring takes no option 'huge'");
        assertThatThrownBy(() -> TransportRegistry.kind("shm-futex:hugetlb")).hasMessage("transport shm-futex takes no option 'hugetlb'");
    }

    private static int dup(int fd) {
        return io.ipcbench.nativeio.Sys.open("/proc/self/fd/" + fd, io.ipcbench.nativeio.Sys.O_RDWR | io.ipcbench.nativeio.Sys.O_CLOEXEC);
    }
}
