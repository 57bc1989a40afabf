package io.ipcbench.library;

import java.io.IOException;
import java.nio.file.Path;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import io.ipcbench.core.Message;
import io.ipcbench.hygiene.PrivateDir;
import io.ipcbench.transport.IdleStrategy;
import io.ipcbench.transport.Liveness;
import io.ipcbench.transport.Transport;

/**
 * One side of {@code chronicle-queue}: an appender on its outgoing queue, a tailer on its incoming
 * one. A message (or chunk) is one document, copied from and into the message's native memory
 * ({@code writingDocument}/{@code readingDocument}, no Java arrays). The reader busy-spins on
 * {@code readingDocument}; the writer never waits, as a queue is a file that only grows (its disk use
 * is bounded by {@link CycleClock} and {@link CycleFiles}).
 */
final class ChronicleQueueTransport implements Transport {
    private final SingleChronicleQueue outgoing;
    private final SingleChronicleQueue incoming;
    private final CycleClock clock;
    private final ExcerptAppender appender;
    private final ExcerptTailer tailer;
    private final int chunk;
    private final Path abandonedDirectory;
    private final IdleStrategy.BusySpin spin = new IdleStrategy.BusySpin(new Liveness("chronicle-queue"));

    /**
     * @param abandonedDirectory on the peer's side, the trial's directory, which it deletes if the
     *        initiator dies (the queues' files stay for the whole trial); null on the initiator's side
     */
    ChronicleQueueTransport(SingleChronicleQueue outgoing, CycleClock clock, SingleChronicleQueue incoming, int chunk, Path abandonedDirectory) {
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.clock = clock;
        this.appender = outgoing.createAppender();
        this.tailer = incoming.createTailer();
        this.chunk = chunk;
        this.abandonedDirectory = abandonedDirectory;
    }

    @Override
    public void send(Message message, int length) {
        for (int offset = 0; offset < length; offset += chunk) {
            int piece = Math.min(chunk, length - offset);
            try (DocumentContext document = appender.writingDocument()) {
                document.wire().bytes().unsafeWrite(message.address() + offset, piece);
            }
            clock.wrote(piece);
        }
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        for (int offset = 0; offset < length; offset += chunk) {
            int expected = Math.min(chunk, length - offset);
            while (!readInto(message.address() + offset, expected)) {
                spin.idle();
            }
        }
    }

    /** Reads the next document, if one is complete, into {@code address}; false if there is none yet. */
    private boolean readInto(long address, int expected) throws IOException {
        try (DocumentContext document = tailer.readingDocument()) {
            if (!document.isPresent()) {
                return false;
            }
            Bytes<?> bytes = document.wire().bytes();
            if (bytes.readRemaining() != expected) {
                throw new IOException("chronicle-queue: a document of " + bytes.readRemaining() + " bytes where " + expected + " were due");
            }
            bytes.unsafeRead(address, expected);
            return true;
        }
    }

    /** JMH may run an iteration on another thread: Chronicle's appender and tailer check that they are not shared. */
    @Override
    public void bindToCurrentThread() {
        appender.singleThreadedCheckReset();
        tailer.singleThreadedCheckReset();
    }

    @Override
    public void peerGone() {
        spin.peerGone();
        if (abandonedDirectory != null) {
            PrivateDir.delete(abandonedDirectory);
        }
    }

    @Override
    public void close() {
        appender.close();
        tailer.close();
        outgoing.close();
        incoming.close();
    }
}
