package io.ipcbench.nativeio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The huge pages a {@code MFD_HUGETLB} mapping is made of: they come only from the pool the
 * administrator reserved ({@code vm.nr_hugepages}), never from ordinary memory, so a machine that
 * reserved none cannot map one.
 */
public final class HugePages {
    public static final String NR_HUGEPAGES = "vm.nr_hugepages";
    private static final long DEFAULT_PAGE_BYTES = 2L << 20;

    private HugePages() {
    }

    /** The default huge page size (Hugepagesize in /proc/meminfo), 2 MiB if unreadable. */
    public static long pageBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Hugepagesize:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the usual size
        }
        return DEFAULT_PAGE_BYTES;
    }

    /** {@code bytes} rounded up to whole huge pages. */
    public static long roundUp(long bytes) {
        long page = pageBytes();
        return (bytes + page - 1) / page * page;
    }

    /**
     * Why {@code what} cannot have {@code bytes} of huge pages here, in one line that says how to
     * reserve them, or "" if the pool is large enough ({@code vm.nr_hugepages}, which
     * {@link KernelLimits#override} can stand in for).
     */
    public static String refusal(String what, long bytes) {
        long page = pageBytes();
        long needed = roundUp(bytes) / page;
        long reserved = KernelLimits.readLong(NR_HUGEPAGES, 0);
        if (needed <= reserved) {
            return "";
        }
        return what + " needs " + needed + " huge page(s) of " + page / 1024 + " KiB but " + NR_HUGEPAGES + " = " + reserved
                + " reserves " + (reserved == 0 ? "none" : "fewer") + "; reserve them (sysctl -w " + NR_HUGEPAGES + "=" + needed
                + ", as root) or drop :hugetlb";
    }
}
