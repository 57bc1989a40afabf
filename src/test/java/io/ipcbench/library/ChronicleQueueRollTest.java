package io.ipcbench.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.core.Message;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * A chronicle-queue stream keeps its disk use bounded: the writer rolls to a new cycle every
 * {@link CycleClock#ROLL_BYTES} and the reader deletes the cycles it has left, without losing or
 * reordering a message across the rolls. Both sides in one JVM, taking turns.
 */
@ExtendWith(NoLeftovers.class)
class ChronicleQueueRollTest {
    private static final int PAYLOAD = 1 << 20;

    @Test
    void aStreamRollsAndKeepsAtMostTwoCycleFiles() throws Exception {
        ChronicleQueueKind kind = new ChronicleQueueKind();
        long messages = 2 * CycleClock.ROLL_BYTES / PAYLOAD + 8; // into the third cycle
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = kind.prepare(workspace, PAYLOAD)) {
            Path directory = workspace.dir().path();
            try (Transport initiator = rendezvous.accept(null); Transport peer = kind.attach(rendezvous.address(), PAYLOAD)) {
                Message sent = new Message(PAYLOAD);
                Message received = new Message(PAYLOAD);
                Set<String> seen = new TreeSet<>();
                int mostFiles = 0;
                for (long sequence = 0; sequence < messages; sequence++) {
                    sent.stamp(sequence, PAYLOAD);
                    initiator.send(sent, PAYLOAD);
                    peer.receive(received, PAYLOAD);
                    received.verify(sequence, PAYLOAD, "chronicle-queue roll test");
                    List<String> files = cycleFiles(directory.resolve("to-peer"));
                    seen.addAll(files);
                    mostFiles = Math.max(mostFiles, files.size());
                }
                assertThat(seen).as("cycles written over %d MiB", messages).hasSizeGreaterThanOrEqualTo(3);
                assertThat(mostFiles).as("cycle files of the to-peer queue at most, over %d MiB", messages).isBetween(1, 2);
            }
        }
    }

    private static List<String> cycleFiles(Path queue) throws IOException {
        try (Stream<Path> list = Files.list(queue)) {
            return list.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".cq4")).collect(Collectors.toList());
        }
    }
}
