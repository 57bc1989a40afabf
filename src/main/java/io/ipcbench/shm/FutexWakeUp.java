package io.ipcbench.shm;

import net.openhft.chronicle.bytes.PointerBytesStore;

import io.ipcbench.nativeio.Futex;
import io.ipcbench.nativeio.NativeMemory;

/**
 * {@code shm-futex}: the waiting side sleeps in FUTEX_WAIT on a word inside the segment and the
 * other side wakes it with FUTEX_WAKE — the kernel primitive under every blocking lock and
 * condition variable, here used directly and process-shared (no FUTEX_PRIVATE_FLAG), as both
 * processes map the segment.
 *
 * <p>Each ring has two wake words: the reader sleeps on the one in the writer's line (bumped by
 * the writer after publishing), the writer on the one in the reader's line (bumped by the reader
 * after freeing a slot), so every line keeps a single writer ({@link SegmentLayout}). The other
 * side bumps and wakes only when the sleeper has announced it may sleep ({@link AnnouncedWakeUp}).
 * The sleeper reads the word after announcing and before its last look at the ring, and FUTEX_WAIT
 * sleeps only if the word still holds that value, checked by the kernel against a concurrent
 * FUTEX_WAKE: a wake-up sent between the look and the sleep makes the wait return at once
 * (EAGAIN), so none is lost. Each wait lasts at most a slice.
 */
final class FutexWakeUp extends AnnouncedWakeUp {
    private final PointerBytesStore bytes;
    private final long base;
    private final NativeMemory slice = sliceTimespec();

    FutexWakeUp(Segment segment) {
        this(segment, "shm-futex");
    }

    /** The same wake-up for another transport over a segment ({@code cma}), {@code transport} naming it in errors. */
    FutexWakeUp(Segment segment, String transport) {
        super(transport);
        this.bytes = segment.bytes();
        this.base = segment.address();
    }

    /** The word {@code wait}'s sleeper sleeps on: in the line of the side that wakes it. */
    private static long word(Ring ring, Wait wait) {
        long line = wait == Wait.DATA ? SegmentLayout.writerLine(ring.ringIndex()) : SegmentLayout.readerLine(ring.ringIndex());
        return line + SegmentLayout.WAKE_OFFSET;
    }

    @Override
    int ticket(Ring ring, Wait wait) {
        return bytes.readVolatileInt(word(ring, wait));
    }

    @Override
    boolean sleep(Ring ring, Wait wait, int ticket) {
        return Futex.await(base + word(ring, wait), ticket, slice.address()) != Futex.Outcome.TIMED_OUT;
    }

    /** This side alone writes the word, so a read and a write make the increment. */
    @Override
    void wake(Ring ring, Wait wait) {
        long word = word(ring, wait);
        bytes.writeVolatileInt(word, bytes.readVolatileInt(word) + 1);
        Futex.wake(base + word, 1);
    }

    @Override
    public void close() {
    }
}
