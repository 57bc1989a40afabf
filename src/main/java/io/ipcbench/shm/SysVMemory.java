package io.ipcbench.shm;

import io.ipcbench.nativeio.SysV;
import io.ipcbench.transport.Workspace;

/** A System V segment (IPC_PRIVATE, 0600) attached in this process: the peer attaches it by its id. */
final class SysVMemory extends SegmentMemory {
    private final int shmid;

    private SysVMemory(int shmid, long address, long size) {
        super(address, size);
        this.shmid = shmid;
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

    /** Initiator: {@link #create(long)}, its id recorded in the trial's ledger; removed again if that fails. */
    static SysVMemory create(long size, Workspace workspace) {
        SysVMemory memory = create(size);
        try {
            workspace.recordSysV("shm", memory.shmid);
        } catch (RuntimeException e) {
            memory.bothAttached();
            memory.release();
            throw e;
        }
        return memory;
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
    String describe() {
        return "shmid " + shmid;
    }

    @Override
    void bothAttached() {
        SysV.shmRemove(shmid);
    }

    @Override
    void release() {
        SysV.shmDetach(address());
    }
}
