package io.ipcbench.shm;

/**
 * Where a {@link Segment}'s bytes come from, the one thing the System V rings ({@code shm-*}) and
 * the memfd rings ({@code memfd-ring}, {@code io-uring}) do differently: the layout, the ring and
 * the wake-ups over it are the same.
 */
abstract class SegmentMemory {
    private final long address;
    private final long size;

    SegmentMemory(long address, long size) {
        this.address = address;
        this.size = size;
    }

    /** Where the memory is mapped in this process. */
    final long address() {
        return address;
    }

    /** The segment's size in bytes, as mapped (at least the layout's). */
    final long size() {
        return size;
    }

    /** The memory in error messages: "shmid 42", "memfd". */
    abstract String describe();

    /**
     * Both sides hold the memory: drop what let the peer find it (IPC_RMID, or the descriptor that
     * was passed), so that the kernel frees it with the last mapping. Idempotent.
     */
    abstract void bothAttached();

    /** Unmaps it in this process (and drops what {@link #bothAttached} drops, if still held). */
    abstract void release();
}
