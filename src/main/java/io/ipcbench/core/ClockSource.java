package io.ipcbench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's clock source, which {@link System#nanoTime()} (CLOCK_MONOTONIC) reads, and whether
 * one-way latencies can be trusted with it (docs/measurement.md, "One-way latency"). A one-way
 * figure subtracts the sender's stamp from the receiver's clock, read by two processes on two CPUs,
 * so it needs a clock that every CPU reads alike. The kernel keeps one CLOCK_MONOTONIC for the whole
 * system, and the sources listed in {@link #SHARED} are system-wide counters (a TSC the kernel found
 * synchronised, else it switches away from it; a hypervisor's per-guest clock; the platform timers;
 * ARM's architected counter). Any other (jiffies, a source this list does not know, an unreadable
 * file) is refused: its resolution or its agreement across CPUs is not known to be good enough.
 */
public final class ClockSource {
    public static final Path FILE = Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource");
    /** Clock sources one counter serves to every CPU. */
    public static final List<String> SHARED = List.of("tsc", "kvm-clock", "hpet", "acpi_pm", "arch_sys_counter", "xen",
            "hyperv_clocksource_tsc_page");

    private ClockSource() {
    }

    /** The current clock source's name, or "unknown (why)". */
    public static String current() {
        try {
            List<String> lines = Files.readAllLines(FILE);
            return lines.isEmpty() || lines.get(0).isBlank() ? "unknown (" + FILE + " is empty)" : lines.get(0).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown (cannot read " + FILE + ")";
        }
    }

    /** Null when one-way latencies can be measured with clock source {@code name}; else the one line that says why not. */
    public static String refusal(String name) {
        if (SHARED.contains(name)) {
            return null;
        }
        return "one-way latency needs a clock every CPU reads alike; the clock source is " + name + ", not one of "
                + String.join(", ", SHARED);
    }

    /** {@link #refusal} of this machine's clock source. */
    public static String refusal() {
        return refusal(current());
    }
}
