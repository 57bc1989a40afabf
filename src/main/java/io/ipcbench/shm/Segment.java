package io.ipcbench.shm;

import java.io.IOException;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;

/**
 * One shared segment laid out by {@link SegmentLayout}, mapped in this process, with Chronicle Bytes
 * over its address. Its memory is a System V segment ({@link SysVMemory}: IPC_PRIVATE, 0600, marked
 * IPC_RMID as soon as both sides are attached, so the kernel frees it at the last detach even if
 * both processes die) or a memfd ({@link MemfdMemory}: never named, freed with the last mapping).
 */
final class Segment implements AutoCloseable {
    private final SegmentMemory memory;
    private final PointerBytesStore bytes;
    private final SegmentLayout layout;
    private boolean detached;

    private Segment(SegmentMemory memory, SegmentLayout layout) {
        this.memory = memory;
        this.layout = layout;
        this.bytes = BytesStore.wrap(memory.address(), layout.size());
        bytes.singleThreadedCheckDisabled(true); // the watchdog may read it while the measuring thread writes
    }

    /** Initiator: creates, attaches and initialises a System V segment for this layout. */
    static Segment create(SegmentLayout layout) {
        return create(SysVMemory.create(layout.size()), layout);
    }

    /** Initiator: initialises {@code memory} (of the layout's size or more) for this layout. */
    static Segment create(SegmentMemory memory, SegmentLayout layout) {
        Segment segment = new Segment(memory, layout);
        segment.bytes.writeInt(SegmentLayout.SLOT_SIZE_OFFSET, layout.slotSize());
        segment.bytes.writeInt(SegmentLayout.SLOTS_OFFSET, layout.slots());
        segment.bytes.writeVolatileLong(SegmentLayout.MAGIC_OFFSET, SegmentLayout.MAGIC);
        return segment;
    }

    /** Peer: attaches the System V segment {@code shmid}, marks it for removal (both are attached now) and checks it. */
    static Segment attach(int shmid, SegmentLayout expected) throws IOException {
        return attach(SysVMemory.attach(shmid, expected.size()), expected);
    }

    /**
     * Peer: checks that {@code memory} holds a segment with the {@code expected} layout (both sides
     * derive it from the trial's spec), releasing the memory if not.
     */
    static Segment attach(SegmentMemory memory, SegmentLayout expected) throws IOException {
        PointerBytesStore header = BytesStore.wrap(memory.address(), SegmentLayout.LINE);
        if (header.readVolatileLong(SegmentLayout.MAGIC_OFFSET) != SegmentLayout.MAGIC) {
            memory.release();
            throw new IOException(memory.describe() + " is not an ipc-bench segment");
        }
        SegmentLayout layout = SegmentLayout.of(header.readInt(SegmentLayout.SLOT_SIZE_OFFSET), header.readInt(SegmentLayout.SLOTS_OFFSET));
        if (!layout.sameAs(expected) || memory.size() < layout.size()) {
            // both sides derive the layout from the payload and capacity: a mismatch means they were told different ones
            memory.release();
            throw new IOException(memory.describe() + " has " + layout.slots() + " slots of " + layout.slotSize() + " bytes, not the "
                    + expected.slots() + " of " + expected.slotSize() + " that this trial's payload and capacity use");
        }
        return new Segment(memory, layout);
    }

    SegmentMemory memory() {
        return memory;
    }

    /** Where the segment is mapped in this process (a futex is named by its address). */
    long address() {
        return memory.address();
    }

    PointerBytesStore bytes() {
        return bytes;
    }

    SegmentLayout layout() {
        return layout;
    }

    /** Both sides are attached: the segment goes away with the last detach. */
    void markRemoved() {
        memory.bothAttached();
    }

    /** Initiator, on a failure before the peer attached: marks the segment removed and detaches it. */
    void discard() {
        markRemoved();
        close();
    }

    @Override
    public void close() {
        if (!detached) {
            detached = true;
            memory.release();
        }
    }
}
