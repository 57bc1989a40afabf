package io.ipcbench.nativeio;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;

/**
 * Private anonymous memory on transparent huge pages: a mapping that starts on a huge page
 * boundary, marked {@code madvise(MADV_HUGEPAGE)} and touched at once, so the kernel backs it with
 * huge pages at that first touch wherever {@code /sys/kernel/mm/transparent_hugepage/enabled} is
 * {@code always} or {@code madvise}. Unlike {@code MFD_HUGETLB} ({@link HugePages}) it needs no
 * reserved pool and no privilege. {@code cma:split} keeps its message buffers here, so that the
 * kernel's cross-memory copy pins one huge page where it would pin a small one per 4 KiB
 * (docs/transports.md, "Single copy: cma"). {@link #close()} unmaps it.
 */
public final class TransparentHugePages implements AutoCloseable {
    /** The setting, read through {@link KernelLimits#readSetting} (which tests override by this path). */
    public static final Path ENABLED = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    private static final Path PAGE_SIZE = Path.of("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size");
    private static final long DEFAULT_PAGE_BYTES = 2L << 20;
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MADV_HUGEPAGE = 14;

    private final long mapping;
    private final long mappingBytes;
    private final long address;
    private final long bytes;
    private boolean closed;

    /** At least {@code bytes}, rounded up to whole huge pages, on a huge page boundary, every page touched. */
    public TransparentHugePages(long bytes) {
        long page = pageBytes();
        this.bytes = (bytes + page - 1) / page * page;
        this.mappingBytes = this.bytes + page; // room to move the start to a boundary
        try {
            this.mapping = LibC.mmap(0, mappingBytes, PROT_READ_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        } catch (LastErrorException e) {
            throw NativeException.of("mmap", mappingBytes + " anonymous bytes", e);
        }
        this.address = (mapping + page - 1) & -page;
        try {
            LibC.madvise(address, this.bytes, MADV_HUGEPAGE);
        } catch (LastErrorException e) {
            LibC.munmap(mapping, mappingBytes);
            throw NativeException.of("madvise", "MADV_HUGEPAGE, " + this.bytes + " bytes at 0x" + Long.toHexString(address), e);
        }
        // faulted in now, a huge page at a time, rather than by the first message
        new Pointer(address).setMemory(0, this.bytes, (byte) 0);
    }

    /** The huge page size ({@code hpage_pmd_size}), 2 MiB if unreadable. */
    public static long pageBytes() {
        try {
            return Long.parseLong(KernelLimits.readSetting(PAGE_SIZE));
        } catch (NumberFormatException e) {
            return DEFAULT_PAGE_BYTES;
        }
    }

    /** The setting's choice, the word in brackets ("always", "madvise", "never"), or its text ("?" if unreadable). */
    public static String mode() {
        String text = KernelLimits.readSetting(ENABLED);
        int open = text.indexOf('[');
        int close = text.indexOf(']');
        return open >= 0 && close > open ? text.substring(open + 1, close) : text;
    }

    /**
     * Why {@code what} cannot have its memory on transparent huge pages here, in one line naming
     * the setting and how to change it, or "" where it can.
     */
    public static String refusal(String what, String option) {
        String mode = mode();
        if (mode.equals("always") || mode.equals("madvise")) {
            return "";
        }
        return what + " needs transparent huge pages but " + ENABLED + " = " + mode + "; allow them (echo madvise > " + ENABLED
                + ", as root) or drop :" + option;
    }

    /** The whole memory as a direct buffer (whole huge pages, at most 2 GiB). */
    public ByteBuffer buffer() {
        return new Pointer(address).getByteBuffer(0, Math.toIntExact(bytes));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibC.munmap(mapping, mappingBytes);
        } catch (LastErrorException e) {
            throw NativeException.of("munmap", "0x" + Long.toHexString(mapping), e);
        }
    }
}
