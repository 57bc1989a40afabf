package io.ipcbench.shm;

import java.io.IOException;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;

import io.ipcbench.nativeio.SysV;

/**
 * One System V shared memory segment (IPC_PRIVATE, 0600), attached in this process, with Chronicle
 * Bytes over the address {@code shmat} returned. Marked IPC_RMID as soon as both sides are
 * attached, so the kernel frees it at the last detach even if both processes die.
 */
final class Segment implements AutoCloseable {
    private final int shmid;
    private final long address;
    private final PointerBytesStore bytes;
    private final SegmentLayout layout;
    private boolean detached;

    private Segment(int shmid, long address, SegmentLayout layout) {
        this.shmid = shmid;
        this.address = address;
        this.layout = layout;
        this.bytes = BytesStore.wrap(address, layout.size());
        bytes.singleThreadedCheckDisabled(true); // the watchdog may read it while the measuring thread writes
    }

    /** Initiator: creates, attaches and initialises a segment for this layout. */
    static Segment create(SegmentLayout layout) {
        int shmid = SysV.shmCreate(layout.size());
        long address;
        try {
            address = SysV.shmAttach(shmid);
        } catch (RuntimeException e) {
            SysV.shmRemove(shmid);
            throw e;
        }
        Segment segment = new Segment(shmid, address, layout);
        segment.bytes.writeInt(SegmentLayout.SLOT_SIZE_OFFSET, layout.slotSize());
        segment.bytes.writeInt(SegmentLayout.SLOTS_OFFSET, layout.slots());
        segment.bytes.writeVolatileLong(SegmentLayout.MAGIC_OFFSET, SegmentLayout.MAGIC);
        return segment;
    }

    /** Peer: attaches the initiator's segment, marks it for removal (both are attached now) and checks it. */
    /** Attaches the segment {@code shmid}, which must have the {@code expected} layout (both sides derive it from the trial's spec). */
    static Segment attach(int shmid, SegmentLayout expected) throws IOException {
        long address = SysV.shmAttach(shmid);
        SysV.shmRemove(shmid);
        PointerBytesStore header = BytesStore.wrap(address, SegmentLayout.LINE);
        if (header.readVolatileLong(SegmentLayout.MAGIC_OFFSET) != SegmentLayout.MAGIC) {
            SysV.shmDetach(address);
            throw new IOException("shmid " + shmid + " is not an ipc-bench segment");
        }
        SegmentLayout layout = SegmentLayout.of(header.readInt(SegmentLayout.SLOT_SIZE_OFFSET), header.readInt(SegmentLayout.SLOTS_OFFSET));
        if (!layout.sameAs(expected)) {
            // both sides derive the layout from the payload and capacity: a mismatch means they were told different ones
            SysV.shmDetach(address);
            throw new IOException("shmid " + shmid + " has " + layout.slots() + " slots of " + layout.slotSize() + " bytes, not the "
                    + expected.slots() + " of " + expected.slotSize() + " that this trial's payload and capacity use");
        }
        return new Segment(shmid, address, layout);
    }

    int shmid() {
        return shmid;
    }

    /** Where the segment is attached in this process (a futex is named by its address). */
    long address() {
        return address;
    }

    PointerBytesStore bytes() {
        return bytes;
    }

    SegmentLayout layout() {
        return layout;
    }

    /** Both sides are attached: the segment goes away with the last detach. */
    void markRemoved() {
        SysV.shmRemove(shmid);
    }

    @Override
    public void close() {
        if (!detached) {
            detached = true;
            SysV.shmDetach(address);
        }
    }
}
