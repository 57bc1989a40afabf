package io.ipcbench.shm;

import io.ipcbench.core.Capacity;

/**
 * The shared segment's layout, named once (like Agrona's {@code RingBufferDescriptor}).
 *
 * <pre>
 * line 0   header: magic, slot size, slot count, pid and tid of each side
 * line 1   ring 0 (initiator → peer): writer's count line — published count
 * line 2   ring 0: writer's sleep line — writer-waiting flag, wake word, lost wake-ups
 * line 3   ring 0: reader's count line — consumed count
 * line 4   ring 0: reader's sleep line — reader-waiting flag, wake word, lost wake-ups
 * line 5–8 ring 1 (peer → initiator), likewise
 * then     ring 0's slots, then ring 1's slots, each slot 64-byte aligned
 * </pre>
 *
 * Each line is 128 bytes, two cache lines, so the adjacent-line prefetcher cannot make two of them
 * share one; each line is written by one side only. A count is written with every message; a sleep
 * line only when its side goes to sleep, wakes the other, or counts a lost wake-up. Apart, the
 * waiting flag that a publisher checks after every message stays in its cache while the other side
 * streams, instead of missing on a line the other side has just written (Agrona keeps its ring's
 * head, tail and correlation counters on lines of their own for the same reason). A sleep line's
 * wake word is what {@code shm-futex}'s other side sleeps on: the writer bumps it to wake the
 * reader, the reader to wake the writer.
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
    /** The header's line and four per ring. */
    static final int LINES = 9;
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

    // within a count line
    static final int COUNT_OFFSET = 0;
    // within a sleep line
    static final int WAITING_OFFSET = 0;
    static final int WAKE_OFFSET = 4;
    /** Sleeps of this line's side that ran out while what it waited for was there (AnnouncedWakeUp). */
    static final int LOST_OFFSET = 8;

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

    /** The line of the writer's published count. */
    static long writerLine(int ring) {
        return LINE * (1 + 4L * ring);
    }

    /** The line of the writer's waiting flag, wake word and lost wake-ups. */
    static long writerSleepLine(int ring) {
        return LINE * (2 + 4L * ring);
    }

    /** The line of the reader's consumed count. */
    static long readerLine(int ring) {
        return LINE * (3 + 4L * ring);
    }

    /** The line of the reader's waiting flag, wake word and lost wake-ups. */
    static long readerSleepLine(int ring) {
        return LINE * (4 + 4L * ring);
    }

    long slotsStart(int ring) {
        return (long) LINE * LINES + (long) ring * slots * slotSize;
    }

    public long size() {
        return slotsStart(2);
    }

    private static long align(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
