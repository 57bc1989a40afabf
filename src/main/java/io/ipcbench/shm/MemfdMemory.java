package io.ipcbench.shm;

import java.io.IOException;

import io.ipcbench.nativeio.HugePages;
import io.ipcbench.nativeio.MemFd;
import io.ipcbench.nativeio.Sys;

/**
 * A sealed memfd mapped MAP_SHARED ({@link MemFd}): the initiator creates it and hands the
 * descriptor to the peer over SCM_RIGHTS ({@link DescriptorRendezvous}); each side closes its
 * descriptor once both have mapped it, and the kernel frees the memory with the last mapping, so
 * nothing has a name and nothing can be left behind, whichever process dies when.
 */
final class MemfdMemory extends SegmentMemory {
    private int fd;

    private MemfdMemory(int fd, long address, long size) {
        super(address, size);
        this.fd = fd;
    }

    /** Initiator: a memfd of at least {@code bytes}, in huge pages with {@code hugetlb}, mapped; its descriptor stays open until {@link #bothAttached}. */
    static MemfdMemory create(long bytes, boolean hugetlb) {
        long size = hugetlb ? HugePages.roundUp(bytes) : bytes;
        int fd = MemFd.create(hugetlb ? "ipc-bench ring (hugetlb)" : "ipc-bench ring", size, hugetlb);
        try {
            return new MemfdMemory(fd, MemFd.map(fd, size, 0, "memfd of " + size + " bytes"), size);
        } catch (RuntimeException e) {
            Sys.close(fd);
            throw e;
        }
    }

    /** Peer: maps the memfd it was handed, which must be sealed as {@link #create} seals and hold {@code bytes} or more, and closes the descriptor. */
    static MemfdMemory adopt(int fd, long bytes) throws IOException {
        try {
            int seals = MemFd.seals(fd);
            long size = MemFd.size(fd, "memfd");
            if (seals != MemFd.SEALS || size < bytes) {
                throw new IOException("the descriptor handed over is not an ipc-bench memfd of " + bytes + " bytes (seals " + seals
                        + ", " + size + " bytes)");
            }
            return new MemfdMemory(-1, MemFd.map(fd, size, 0, "memfd of " + size + " bytes"), size);
        } finally {
            Sys.close(fd); // the mapping holds the memory
        }
    }

    /** The descriptor the peer is handed (open until {@link #bothAttached}). */
    int fd() {
        return fd;
    }

    @Override
    String describe() {
        return "memfd";
    }

    @Override
    synchronized void bothAttached() {
        if (fd >= 0) {
            Sys.close(fd);
            fd = -1;
        }
    }

    @Override
    void release() {
        bothAttached();
        MemFd.unmap(address(), size());
    }
}
