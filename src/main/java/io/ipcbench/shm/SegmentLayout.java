package io.ipcbench.shm;

import io.ipcbench.core.Capacity;

/**
 * The shared segment's layout, named once (like Agrona's {@code RingBufferDescriptor}).
 *
 * <pre>
 * line 0   header: magic, slot size, slot count, pid and tid of each side
 * line 1   ring 0 (initiator → peer): writer's line — published count, writer-waiting flag, wake word, lost wake-ups
 * line 2   ring 0: reader's line — consumed count, reader-waiting flag, wake word, lost wake-ups
 * line 3   ring 1 (peer → initiator): writer's line
 * line 4   ring 1: reader's line
 * then     ring 0's slots, then ring 1's slots
 * </pre>
 *
 * Each line is 128 bytes, two cache lines, so the adjacent-line prefetcher cannot make the writer's
 * and the reader's counters share a line; each line is written by one side only. A line's wake word
 * is what {@code shm-futex}'s other side sleeps on: the writer bumps it to wake the reader, the
 * reader to wake the writer.
 *
 * <p>A slot holds at most {@link #MAX_SLOT_SIZE} bytes; a larger message travels as several
 * slot-sized chunks (as Aeron fragments a message larger than its term allows), so the segment never
 * grows beyond two rings of {@link #RING_BYTES} whatever the payload. Sizing slots to the message
 * instead made a 1 GiB payload need a 4 GiB segment (two rings of two slots) whose first touch alone,
 * page by page, outlasted the peer's silence limit.
 *
 * <p>With {@code -p capacity=} a ring holds that many bytes instead: slots of the message's size
 * (at most half the ring), as many as fit, up to {@link #MAX_SIZED_SLOTS}.
 */
public final class SegmentLayout {
    public static final long MAGIC = 0x69706362656e6368L; // "ipcbench"
    static final int LINE = 128;
    static final int SLOT_ALIGNMENT = 64;
    /** Each ring holds about this many bytes, and between 2 and 64 slots. */
    static final long RING_BYTES = 4L << 20;
    static final int MIN_SLOTS = 2;
    static final int MAX_SLOTS = 64;
    /** A sized ring's most slots: shm-sem counts free slots in a semaphore, whose value stops at SEMVMX (32767). */
    static final int MAX_SIZED_SLOTS = 32767;
    /**
     * The largest slot: two of them fill a ring, so the writer can fill one while the reader drains
     * the other. Every payload up to this size travels in one slot, as it always has.
     */
    static final int MAX_SLOT_SIZE = (int) (RING_BYTES / MIN_SLOTS);

    // header (line 0)
    static final int MAGIC_OFFSET = 0;
    static final int SLOT_SIZE_OFFSET = 8;
    static final int SLOTS_OFFSET = 12;
    static final int INITIATOR_PID_OFFSET = 16;
    static final int INITIATOR_TID_OFFSET = 20;
    static final int PEER_PID_OFFSET = 24;
    static final int PEER_TID_OFFSET = 28;

    // within a ring's writer line and reader line
    static final int COUNT_OFFSET = 0;
    static final int WAITING_OFFSET = 8;
    static final int WAKE_OFFSET = 12;
    /** Sleeps of this line's side that ran out while what it waited for was there (AnnouncedWakeUp). */
    static final int LOST_OFFSET = 16;

    static final int TO_PEER = 0;
    static final int TO_INITIATOR = 1;

    private final int slotSize;
    private final int slots;

    private SegmentLayout(int slotSize, int slots) {
        this.slotSize = slotSize;
        this.slots = slots;
    }

    /** The layout for messages of up to {@code maxMessage} bytes: one slot each, or chunks of {@link #MAX_SLOT_SIZE}. */
    public static SegmentLayout forMessages(int maxMessage) {
        int slotSize = (int) Math.min(align(Math.max(maxMessage, 1), SLOT_ALIGNMENT), MAX_SLOT_SIZE);
        int slots = (int) Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, RING_BYTES / slotSize));
        return new SegmentLayout(slotSize, slots);
    }

    /** As {@link #forMessages(int)}, or with rings of {@code capacity} bytes when one is asked for. */
    public static SegmentLayout forMessages(int maxMessage, Capacity capacity) {
        if (capacity.isDefault()) {
            return forMessages(maxMessage);
        }
        long halfRing = Math.max(SLOT_ALIGNMENT, capacity.bytes() / MIN_SLOTS / SLOT_ALIGNMENT * SLOT_ALIGNMENT);
        int slotSize = (int) Math.min(align(Math.max(maxMessage, 1), SLOT_ALIGNMENT), halfRing);
        int slots = (int) Math.max(MIN_SLOTS, Math.min(MAX_SIZED_SLOTS, capacity.bytes() / slotSize));
        return new SegmentLayout(slotSize, slots);
    }

    /** The bytes one ring holds. */
    public long ringBytes() {
        return (long) slots * slotSize;
    }

    static SegmentLayout of(int slotSize, int slots) {
        return new SegmentLayout(slotSize, slots);
    }

    public int slotSize() {
        return slotSize;
    }

    public int slots() {
        return slots;
    }

    /** Same slot size and count: what the peer checks the segment it was given against. */
    boolean sameAs(SegmentLayout other) {
        return slotSize == other.slotSize && slots == other.slots;
    }

    static long writerLine(int ring) {
        return LINE * (1 + 2L * ring);
    }

    static long readerLine(int ring) {
        return LINE * (2 + 2L * ring);
    }

    long slotsStart(int ring) {
        return LINE * 5L + (long) ring * slots * slotSize;
    }

    public long size() {
        return slotsStart(2);
    }

    private static long align(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
