package io.ipcbench.shm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ipcbench.core.Message;
import io.ipcbench.testing.NoLeftovers;

/**
 * The ring with its cached counters, in one process with two threads (as Agrona's
 * {@code OneToOneRingBufferConcurrentTest}): a writer and a reader busy-spin over one ring of a real
 * segment for a million messages, and the reader checks that each arrives whole and in order. Two
 * slots make the writer find the ring full, and re-read the reader's count, at nearly every
 * message; 64 let it run ahead on its cached count.
 */
@ExtendWith(NoLeftovers.class)
class RingConcurrentTest {
    private static final int MESSAGES = 1_000_000;
    private static final int LENGTH = 64;
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0} slots")
    @ValueSource(ints = {2, 64})
    void everyMessageArrivesWholeAndInOrder(int slots) throws Exception {
        try (Segment segment = Segment.create(SegmentLayout.of(LENGTH, slots))) {
            segment.markRemoved(); // goes with the detach, whatever happens
            Ring writer = new Ring(segment, SegmentLayout.TO_PEER);
            Ring reader = new Ring(segment, SegmentLayout.TO_PEER);
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> readAll(reader));
            Message message = new Message(LENGTH);
            for (long sequence = 1; sequence <= MESSAGES; sequence++) {
                while (!writer.hasSpace()) {
                    if (read.isDone()) {
                        read.join(); // the reader failed: throws its error rather than spin forever
                    }
                    Thread.onSpinWait();
                }
                message.stamp(sequence, LENGTH);
                writer.write(message.address(), LENGTH);
            }
            assertThat(read).succeedsWithin(HANG_GUARD).isEqualTo((long) MESSAGES);
        }
    }

    /** Reads every message, checking both sequence numbers; returns how many arrived. */
    private static long readAll(Ring reader) {
        Message message = new Message(LENGTH);
        for (long sequence = 1; sequence <= MESSAGES; sequence++) {
            while (!reader.hasData()) {
                Thread.onSpinWait();
            }
            reader.read(message.address(), LENGTH);
            message.verify(sequence, LENGTH, "ring of the test");
        }
        return MESSAGES;
    }
}
