package io.ipcbench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.Message;
import io.ipcbench.core.WaitMode;
import io.ipcbench.peer.PeerProcess;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.testing.RandomBytes;

/**
 * Every transport moves random bytes of many sizes, 1 B to 5 MiB + 3, both ways between two real
 * processes, and every byte comes back as sent. The sizes straddle the kernel's boundaries (8 KiB
 * message caps, 64 KiB pipe buffers) and the shared-memory slot (2 MiB), which forces short reads
 * and writes and chunking; 5 MiB + 3 is more chunks than a ring holds. Every way each transport
 * can wait: blocking, polled (spin) and polled briefly then sleeping (a back-off of 1 µs, so that
 * most waits reach their sleep). And with the smallest buffers every mechanism can be given.
 */
@ExtendWith(NoLeftovers.class)
class TransportEchoTest {
    private static final int MIB = 1 << 20;
    private static final long SEED = 20261127L;
    /** The smallest capacity: a page. */
    private static final long SMALL = Capacity.MIN_BYTES;
    /** tcp's smallest, as TcpKind says why. */
    private static final long TCP_SMALLEST = 65536;

    /**
     * Every transport with every way of waiting it accepts ("pipe block", "pipe spin", ...), with
     * its own buffers; and every transport that can size them, blocking and spinning, with the
     * smallest buffers it takes ({@value #SMALL} bytes, tcp {@value #TCP_SMALLEST}), which the
     * sizes above overfill many times.
     */
    static List<Arguments> transports() {
        List<Arguments> cases = new ArrayList<>();
        for (String transport : TransportRegistry.names()) {
            for (WaitMode wait : List.of(WaitMode.BLOCK, WaitMode.SPIN, WaitMode.backoffMicros(1))) {
                try {
                    TransportRegistry.kind(transport).waiting(wait);
                    cases.add(Arguments.of(transport, wait.label(), Capacity.BY_DESIGN));
                } catch (IllegalArgumentException refused) {
                    // said in one line; WaitAxisTest checks the refusals
                }
            }
            for (WaitMode wait : List.of(WaitMode.BLOCK, WaitMode.SPIN)) {
                for (long capacity : List.of(SMALL, TCP_SMALLEST)) {
                    try {
                        TransportRegistry.kind(transport).waiting(wait).holding(new Capacity(capacity));
                        cases.add(Arguments.of(transport, wait.label(), Long.toString(capacity)));
                        break; // the smallest it takes
                    } catch (IllegalArgumentException refused) {
                        // said in one line; CapacityAxisTest checks the refusals
                    }
                }
            }
        }
        return cases;
    }

    static List<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>(List.of(1, 2, 7, 8, 15, 16, 17, 63, 64, 65, 4095, 4096, 4097,
                8191, 8192, 8193, 3 * 8192, 65535, 65536, 65537, MIB - 1, MIB, MIB + 1, 2 * MIB, 2 * MIB + 1, 5 * MIB + 3));
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 16; i++) {
            sizes.add(1 + random.nextInt(MIB + 1));
        }
        return sizes;
    }

    @ParameterizedTest(name = "{0} wait={1} capacity={2}")
    @MethodSource("transports")
    void echoesEveryByteOfEverySize(String transport, String wait, String capacity) throws Exception {
        List<Integer> sizes = sizes();
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        Message outgoing = new Message(largest);
        Message incoming = new Message(largest);
        SplittableRandom random = new SplittableRandom(SEED ^ transport.hashCode());

        try (Workspace workspace = Workspace.create();
                Rendezvous rendezvous = TransportRegistry.kind(transport).waiting(WaitMode.parse(wait)).holding(Capacity.parse(capacity))
                        .prepare(workspace, largest)) {
            String sizeList = sizes.stream().map(String::valueOf).collect(Collectors.joining(","));
            PeerProcess peer = PeerProcess.start(RawEchoPeer.class, List.of(transport, rendezvous.address(), sizeList, wait, capacity),
                    rendezvous.peerEnvironment(), 10_000);
            try (Transport channel = rendezvous.accept(peer)) {
                if (!capacity.equals(Capacity.BY_DESIGN)) {
                    // exactly a page for the pipes, queues and rings; a socket's buffer counts its bookkeeping, doubled
                    long asked = Long.parseLong(capacity);
                    assertThat(channel.capacityBytes()).as("%s: bytes granted for %s asked", transport, capacity)
                            .isBetween(asked, 2 * asked);
                }
                for (int size : sizes) {
                    RandomBytes.fill(outgoing, size, random);
                    RandomBytes.fill(incoming, size, random); // stale bytes must not pass for an echo
                    channel.send(outgoing, size);
                    channel.receive(incoming, size);
                    assertThat(RandomBytes.crc(incoming, size)).as("%s: CRC of %d bytes echoed", transport, size)
                            .isEqualTo(RandomBytes.crc(outgoing, size));
                    assertThat(incoming.window(size)).as("%s: %d bytes echoed", transport, size).isEqualTo(outgoing.window(size));
                }
            } finally {
                peer.stop(10_000);
            }
            assertThat(peer.exitDescription()).contains("exited with code 0");
        }
    }
}
