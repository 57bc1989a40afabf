package io.ipcbench.shm;

import io.ipcbench.nativeio.SysV;

/** A System V segment (IPC_PRIVATE, 0600) attached in this process: the peer attaches it by its id. */
final class SysVMemory implements SegmentMemory {
    private final int shmid;
    private final long address;
    private final long size;

    private SysVMemory(int shmid, long address, long size) {
        this.shmid = shmid;
        this.address = address;
        this.size = size;
    }

    /** Initiator: a new segment of {@code size} bytes, attached. */
    static SysVMemory create(long size) {
        int shmid = SysV.shmCreate(size);
        try {
            return new SysVMemory(shmid, SysV.shmAttach(shmid), size);
        } catch (RuntimeException e) {
            SysV.shmRemove(shmid);
            throw e;
        }
    }

    /** Peer: attaches {@code shmid} and marks it for removal at once, as both sides are attached now. */
    static SysVMemory attach(int shmid, long size) {
        long address = SysV.shmAttach(shmid);
        SysV.shmRemove(shmid);
        return new SysVMemory(shmid, address, size);
    }

    int shmid() {
        return shmid;
    }

    @Override
    public long address() {
        return address;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String describe() {
        return "shmid " + shmid;
    }

    @Override
    public void bothAttached() {
        SysV.shmRemove(shmid);
    }

    @Override
    public void release() {
        SysV.shmDetach(address);
    }
}
