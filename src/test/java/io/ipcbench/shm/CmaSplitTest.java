package io.ipcbench.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.Message;
import io.ipcbench.core.PeerMode;
import io.ipcbench.core.Placement;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.KernelLimits;
import io.ipcbench.nativeio.TransparentHugePages;
import io.ipcbench.peer.PeerProcess;
import io.ipcbench.peer.PeerSession;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.testing.RandomBytes;
import io.ipcbench.transport.RawEchoPeer;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * {@code cma:split}: the one copy shared between the sender's process_vm_writev and the receiver's
 * process_vm_readv, on message buffers in transparent huge pages. Every byte of every size echoes
 * under every wait, whole trials stream and echo through the real peer with the suite's checks, the
 * buffers are on huge pages and unmapped at close, and the option is refused in one line where
 * transparent huge pages are off. Nothing is left behind.
 */
@ExtendWith(NoLeftovers.class)
class CmaSplitTest {
    private static final int MIB = 1 << 20;
    private static final String NEVER = "always madvise [never]";

    @Test
    void refusedInOneLineWhereTransparentHugePagesAreOff() {
        try (var off = KernelLimits.override(TransparentHugePages.ENABLED.toString(), NEVER)) {
            assertThatThrownBy(() -> new TrialSpec("cma:split", MIB, Placement.CROSS_CORE, PeerMode.SINK))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cma:split needs transparent huge pages but /sys/kernel/mm/transparent_hugepage/enabled = never;"
                            + " allow them (echo madvise > /sys/kernel/mm/transparent_hugepage/enabled, as root) or drop :split");
            // plain cma does not care
            assertThat(new TrialSpec("cma", MIB, Placement.CROSS_CORE, PeerMode.SINK).kind().name()).isEqualTo("cma");
        }
        try (var madvise = KernelLimits.override(TransparentHugePages.ENABLED.toString(), "always [madvise] never")) {
            assertThat(new TrialSpec("cma:split", MIB, Placement.CROSS_CORE, PeerMode.SINK).kind().name()).isEqualTo("cma:split");
        }
    }

    @Test
    void onlyCmaTakesTheOptionAndItKeepsItsWaitAndRefusesCapacity() {
        assertThatThrownBy(() -> TransportRegistry.kind("shm-futex:split")).hasMessage("transport shm-futex takes no option 'split'");
        assertThatThrownBy(() -> TransportRegistry.kind("cma:splat")).hasMessage("transport cma takes no option 'splat'");
        assertThat(TransportRegistry.kind("cma:split").waiting(WaitMode.SPIN).name()).isEqualTo("cma:split");
        assertThatThrownBy(() -> TransportRegistry.kind("cma:split").holding(new Capacity(65536)))
                .hasMessageStartingWith("cma:split cannot run capacity=");
    }

    @Test
    void theSenderWritesHalfDownToACacheLine() {
        assertThat(CmaTransport.firstPart(MIB)).isEqualTo(MIB / 2);
        assertThat(CmaTransport.firstPart(MIB + 1)).isEqualTo(MIB / 2);
        assertThat(CmaTransport.firstPart(200)).isEqualTo(64);
        assertThat(CmaTransport.firstPart(127)).isZero(); // the receiver reads all of it
    }

    /** As TransportEchoTest: random bytes of many sizes both ways, each side's messages made by its transport. */
    @ParameterizedTest(name = "wait={0}")
    @ValueSource(strings = {"block", "spin", "backoff:1"})
    void echoesEveryByteOfEverySize(String wait) throws Exception {
        List<Integer> sizes = new ArrayList<>(List.of(1, 2, 63, 64, 65, 127, 128, 129, 4095, 4096, 4097, 65536, 65537,
                MIB - 1, MIB, MIB + 1, 2 * MIB, 2 * MIB + 1, 5 * MIB + 3));
        SplittableRandom random = new SplittableRandom(20261207L);
        for (int i = 0; i < 8; i++) {
            sizes.add(1 + random.nextInt(MIB + 1));
        }
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        long outgoingAddress;
        try (Workspace workspace = Workspace.create();
                Rendezvous rendezvous = TransportRegistry.kind("cma:split").waiting(WaitMode.parse(wait)).prepare(workspace, largest)) {
            String sizeList = sizes.stream().map(String::valueOf).collect(Collectors.joining(","));
            PeerProcess peer = PeerProcess.start(RawEchoPeer.class, List.of("cma:split", rendezvous.address(), sizeList, wait),
                    rendezvous.peerEnvironment(), 10_000);
            try (Transport channel = rendezvous.accept(peer)) {
                Message outgoing = channel.message(largest);
                Message incoming = channel.message(largest);
                outgoingAddress = outgoing.address();
                assertThat(outgoing.capacity()).isEqualTo(largest);
                assertThat(hugePagesKb(outgoing.address())).as("kB of huge pages under the message").isGreaterThan(0);
                assertThat(hugePagesKb(incoming.address())).as("kB of huge pages under the message").isGreaterThan(0);
                for (int size : sizes) {
                    RandomBytes.fill(outgoing, size, random);
                    RandomBytes.fill(incoming, size, random); // stale bytes must not pass for an echo
                    channel.send(outgoing, size);
                    channel.receive(incoming, size);
                    assertThat(RandomBytes.crc(incoming, size)).as("CRC of %d bytes echoed", size).isEqualTo(RandomBytes.crc(outgoing, size));
                }
            } finally {
                peer.stop(10_000);
            }
            assertThat(peer.exitDescription()).contains("exited with code 0");
        }
        assertThat(hugePagesKb(outgoingAddress)).as("the buffer is unmapped at close").isEqualTo(-1);
    }

    /** Whole trials through the real peer, which checks every message's sequence at both ends. */
    @Test
    void streamsAndEchoesEveryPayloadThroughTheSuitesChecks() {
        for (int payload : List.of(Message.MIN_LENGTH, 64, 4096, 65536, MIB, 2 * MIB + 1)) {
            for (PeerMode mode : List.of(PeerMode.SINK, PeerMode.ECHO)) {
                try (PeerSession session = PeerSession.open(new TrialSpec("cma:split", payload, Placement.UNPINNED, mode))) {
                    for (int i = 0; i < 300; i++) {
                        if (mode == PeerMode.SINK) {
                            session.exchange().send();
                        } else {
                            session.exchange().roundTrip();
                        }
                    }
                    if (mode == PeerMode.SINK) {
                        session.exchange().collectOneWay();
                    }
                    assertThat(session.exchange().sent()).isEqualTo(300);
                } // close() fails if the peer's count differs
            }
        }
    }

    /**
     * kB of huge pages (smaps' AnonHugePages) of this process's mapping that holds {@code address}
     * and was advised MADV_HUGEPAGE (VmFlags "hg"); -1 if there is no such mapping.
     */
    private static long hugePagesKb(long address) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        boolean inside = false;
        long kb = -1;
        for (String line : lines) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                inside = Long.parseUnsignedLong(range[0], 16) <= address && address < Long.parseUnsignedLong(range[1], 16);
                kb = -1;
            } else if (inside && line.startsWith("AnonHugePages:")) {
                kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (inside && line.startsWith("VmFlags:")) {
                return List.of(line.substring(8).trim().split(" ")).contains("hg") ? kb : -1;
            }
        }
        return -1;
    }
}
