package io.ipcbench.shm;

import net.openhft.chronicle.bytes.PointerBytesStore;

/**
 * One direction of the segment: a ring of slots with a published count (written by the writer) and
 * a consumed count (written by the reader), each on its own line. Each side keeps its own count in
 * a field and only reads the other's from shared memory. Flow control is by these counts alone:
 * the writer may run ahead of the reader by at most {@code slots} messages.
 */
final class Ring {
    private final PointerBytesStore bytes;
    private final int index;
    private final int slots;
    private final int slotSize;
    private final long slotsStart;
    private final long published;
    private final long consumed;
    private final long writerWaiting;
    private final long readerWaiting;
    private long ownCount; // published (writer side) or consumed (reader side)

    Ring(Segment segment, int ring) {
        this.bytes = segment.bytes();
        this.index = ring;
        SegmentLayout layout = segment.layout();
        this.slots = layout.slots();
        this.slotSize = layout.slotSize();
        this.slotsStart = layout.slotsStart(ring);
        this.published = SegmentLayout.writerLine(ring) + SegmentLayout.COUNT_OFFSET;
        this.writerWaiting = SegmentLayout.writerLine(ring) + SegmentLayout.WAITING_OFFSET;
        this.consumed = SegmentLayout.readerLine(ring) + SegmentLayout.COUNT_OFFSET;
        this.readerWaiting = SegmentLayout.readerLine(ring) + SegmentLayout.WAITING_OFFSET;
    }

    /** {@link SegmentLayout#TO_PEER} or {@link SegmentLayout#TO_INITIATOR}. */
    int ringIndex() {
        return index;
    }

    int slots() {
        return slots;
    }

    // ---- writer side

    boolean hasSpace() {
        return ownCount - bytes.readVolatileLong(consumed) < slots;
    }

    /** Copies {@code length} bytes from native {@code address} into the next free slot, then publishes it. */
    void write(long address, int length) {
        bytes.nativeWrite(address, slotOffset(), length);
        bytes.writeOrderedLong(published, ++ownCount);
    }

    // ---- reader side

    boolean hasData() {
        return bytes.readVolatileLong(published) > ownCount;
    }

    /** Copies the oldest message's {@code length} bytes to native {@code address}, then frees its slot. */
    void read(long address, int length) {
        bytes.nativeRead(slotOffset(), address, length);
        bytes.writeOrderedLong(consumed, ++ownCount);
    }

    // ---- waiting flags, for wake-ups that must know whether anyone sleeps

    void setReaderWaiting(boolean waiting) {
        bytes.writeVolatileInt(readerWaiting, waiting ? 1 : 0);
    }

    boolean isReaderWaiting() {
        return bytes.readVolatileInt(readerWaiting) != 0;
    }

    void setWriterWaiting(boolean waiting) {
        bytes.writeVolatileInt(writerWaiting, waiting ? 1 : 0);
    }

    boolean isWriterWaiting() {
        return bytes.readVolatileInt(writerWaiting) != 0;
    }

    private long slotOffset() {
        return slotsStart + (ownCount % slots) * slotSize;
    }
}
