package io.ipcbench.floor;

import java.util.Locale;

/** The figures of the machine's floor: what each is called in fingerprint.json and in a sentence, and its unit. */
public enum FloorFigure {
    /** Two threads on the two CPUs hand one cache line back and forth: the least any cross-CPU round trip costs. */
    CACHE_LINE_RTT("cacheLineRttNs", "cache-line RTT", "ns"),
    /** Two threads on the two CPUs, each blocked in read(2) on a pipe until the other writes: the cost of waking a sleeper over there. */
    WAKE_UP_RTT("wakeUpRttUs", "cross-CPU wake-up RTT", "µs"),
    /** A writer on one CPU streaming 64 KiB messages through a 4-slot ring to a reader on the other, both copying, nobody sleeping. */
    STREAM_64_KIB("stream64KiBGBps", "cross-CPU stream 64 KiB", "GB/s"),
    /** One thread copying 64 KiB off-heap, as the shm ring copies a message (mostly in L1/L2). */
    COPY_64_KIB("copy64KiBGBps", "copy 64 KiB", "GB/s"),
    /** The same at 1 MiB (beyond L2 on most CPUs). */
    COPY_1_MIB("copy1MiBGBps", "copy 1 MiB", "GB/s");

    private final String key;
    private final String label;
    private final String unit;

    FloorFigure(String key, String label, String unit) {
        this.key = key;
        this.label = label;
        this.unit = unit;
    }

    /** The name in fingerprint.json. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** A value with its unit, to three significant figures: "191 ns", "45.2 µs", "98.7 GB/s". */
    public String format(double value) {
        String digits = value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
        return digits + " " + unit;
    }
}
