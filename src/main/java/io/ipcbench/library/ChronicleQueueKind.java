package io.ipcbench.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import io.ipcbench.hygiene.PrivateDir;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * {@code chronicle-queue}: one Chronicle Queue per direction in the trial's private directory, each
 * appended to by one process and tailed by the other. The peer is told the directory. Unlike the
 * other transports' files, the queues' stay until the trial ends: a queue opens new cycle files as it
 * goes and keeps its metadata by name. If the initiator dies, the peer deletes them.
 */
public final class ChronicleQueueKind extends SpinningKind {
    private static final String TO_PEER = "to-peer";
    private static final String TO_INITIATOR = "to-initiator";
    /** A document of 1 MiB moves whole; larger payloads in 1 MiB documents, as for Aeron and Agrona. */
    private static final int MAX_DOCUMENT = EighthRule.MAX_CHUNK;
    private static final RollCycles ROLL_CYCLE = RollCycles.FAST_DAILY;

    @Override
    public String name() {
        return "chronicle-queue";
    }

    @Override
    int maxChunk() {
        return MAX_DOCUMENT;
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) throws IOException {
        workspace.keepNamesUntilClose();
        Path directory = workspace.dir().path();
        for (String queue : new String[] {TO_PEER, TO_INITIATOR}) {
            // made here, 0700, rather than by Chronicle with the umask
            Files.createDirectory(directory.resolve(queue), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Transport transport = connect(directory, TO_PEER, TO_INITIATOR, payload, null);
        PrivateDir.restrict(directory); // the queues' metadata files
        return new AttachByIdRendezvous(directory.toString(), transport, () -> { });
    }

    @Override
    public Transport attach(String address, int payload) {
        Path directory = Path.of(address);
        return connect(directory, TO_INITIATOR, TO_PEER, payload, directory);
    }

    private Transport connect(Path directory, String out, String in, int payload, Path abandonedDirectory) {
        CycleClock clock = new CycleClock(ROLL_CYCLE.lengthInMillis());
        SingleChronicleQueue outgoing = open(directory.resolve(out), clock, new CycleFiles(false));
        try {
            // the reading side's clock never moves: the tailer follows the writer's cycles by their end-of-cycle marks
            SingleChronicleQueue incoming = open(directory.resolve(in), new CycleClock(ROLL_CYCLE.lengthInMillis()), new CycleFiles(true));
            return new ChronicleQueueTransport(outgoing, clock, incoming, chunkSize(payload), abandonedDirectory);
        } catch (RuntimeException e) {
            outgoing.close();
            throw e;
        }
    }

    private static SingleChronicleQueue open(Path queue, CycleClock clock, CycleFiles files) {
        return SingleChronicleQueueBuilder.binary(queue)
                .rollCycle(ROLL_CYCLE)
                .timeProvider(clock)
                .storeFileListener(files)
                .build();
    }
}
