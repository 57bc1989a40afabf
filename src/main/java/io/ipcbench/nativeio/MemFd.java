package io.ipcbench.nativeio;

import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;

/**
 * Anonymous shared memory as a file descriptor: {@code memfd_create} (close-on-exec, sealable),
 * sized with {@code ftruncate}, sealed so that neither holder can shrink or grow it (a peer that
 * shrank it would turn the other side's accesses into SIGBUS), and mapped MAP_SHARED. The memory
 * has no name anywhere: the kernel frees it when the last descriptor is closed and the last
 * mapping is gone, so a killed process leaves nothing behind. Through {@code syscall} (319 on
 * x86_64, as every number here).
 */
public final class MemFd {
    private static final long SYS_MEMFD_CREATE = Syscall.MEMFD_CREATE.number();
    private static final int MFD_CLOEXEC = 0x1;
    private static final int MFD_ALLOW_SEALING = 0x2;
    private static final int MFD_HUGETLB = 0x4;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_GET_SEALS = 1034;
    /** The seals every segment gets: no shrinking, no growing, and no more seals (nor their removal). */
    public static final int SEALS = 0x1 /* F_SEAL_SEAL */ | 0x2 /* F_SEAL_SHRINK */ | 0x4 /* F_SEAL_GROW */;
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_SHARED = 0x1;
    private static final int SEEK_END = 2;

    private MemFd() {
    }

    /**
     * A new memfd of {@code size} bytes (a multiple of the page size, or of the huge page size with
     * {@code hugetlb}), sealed with {@link #SEALS}.
     */
    public static int create(String name, long size, boolean hugetlb) {
        int fd;
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        try (NativeMemory text = new NativeMemory(bytes.length + 1)) {
            text.write(0, bytes, 0, bytes.length);
            text.putByte(bytes.length, (byte) 0);
            fd = (int) LibC.syscall(SYS_MEMFD_CREATE, text.address(), MFD_CLOEXEC | MFD_ALLOW_SEALING | (hugetlb ? MFD_HUGETLB : 0), 0);
        } catch (LastErrorException e) {
            throw NativeException.of("memfd_create" + (hugetlb ? "(MFD_HUGETLB)" : ""), name, e);
        }
        try {
            LibC.ftruncate(fd, size);
            LibC.fcntl(fd, F_ADD_SEALS, SEALS);
            return fd;
        } catch (LastErrorException e) {
            Sys.close(fd);
            throw NativeException.of("ftruncate/F_ADD_SEALS", name + " of " + size + " bytes", e);
        }
    }

    /** The file's size: what the other side made it. */
    public static long size(int fd, Object what) {
        try {
            return LibC.lseek(fd, 0, SEEK_END);
        } catch (LastErrorException e) {
            throw NativeException.of("lseek", what, e);
        }
    }

    /** The seals in force ({@link #SEALS} on every memfd {@link #create} made); -1 for a descriptor that is no memfd. */
    public static int seals(int fd) {
        try {
            return LibC.fcntl(fd, F_GET_SEALS, 0);
        } catch (LastErrorException e) {
            return -1;
        }
    }

    /** Maps {@code size} bytes of {@code fd} from {@code offset} shared, readable and writable; the address. */
    public static long map(int fd, long size, long offset, Object what) {
        try {
            return LibC.mmap(0, size, PROT_READ_WRITE, MAP_SHARED, fd, offset);
        } catch (LastErrorException e) {
            throw NativeException.of("mmap", what, e);
        }
    }

    public static void unmap(long address, long size) {
        try {
            LibC.munmap(address, size);
        } catch (LastErrorException e) {
            throw NativeException.of("munmap", "0x" + Long.toHexString(address), e);
        }
    }
}
