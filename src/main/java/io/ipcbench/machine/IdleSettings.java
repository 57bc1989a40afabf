package io.ipcbench.machine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import io.ipcbench.core.Unknown;

/**
 * How an idle CPU waits, which decides what a wake-up costs: the cpuidle driver and governor, and
 * halt polling — a vCPU that polls for a while before it halts can be woken without a round trip
 * through the hypervisor. On a VM this moves every blocking transport's round trip by tens of
 * microseconds. {@code halt_poll_ns} of the kvm module is the host's setting (readable where this
 * kernel is itself a KVM host); {@code /sys/module/haltpoll} is the guest's haltpoll cpuidle driver;
 * the CPU wake-up latency granted ({@link IdlePolling}) is 0 while idle CPUs are held polling.
 */
public final class IdleSettings {
    private static final String DRIVER = "driver";
    private static final String GUEST_HALT_POLL_KEY = "guestHaltPoll";
    private static final String GUEST_HALT_POLL_NS = "guest_halt_poll_ns";
    private static final String LATENCY_LIMIT = "cpuLatencyLimitUs";
    private static final Path CPUIDLE = Path.of("/sys/devices/system/cpu/cpuidle");
    private static final Path KVM_HALT_POLL = Path.of("/sys/module/kvm/parameters/halt_poll_ns");
    private static final Path GUEST_HALT_POLL = Path.of("/sys/module/haltpoll/parameters");

    private IdleSettings() {
    }

    /** driver, governor, kvmHaltPollNs, guestHaltPoll (parameter → value), cpuLatencyLimitUs. */
    public static Map<String, Object> ofThisMachine() {
        return of(CPUIDLE, KVM_HALT_POLL, GUEST_HALT_POLL, IdlePolling.DEVICE);
    }

    static Map<String, Object> of(Path cpuidle, Path kvmHaltPoll, Path guestHaltPoll, Path latencyDevice) {
        Map<String, Object> idle = new LinkedHashMap<>();
        idle.put(DRIVER, SettingFile.read(cpuidle.resolve("current_driver")));
        // current_governor_ro is the read-only view that older kernels (and some configurations) have
        idle.put("governor", SettingFile.firstOf(cpuidle.resolve("current_governor_ro"), cpuidle.resolve("current_governor")));
        idle.put("kvmHaltPollNs", SettingFile.read(kvmHaltPoll));
        idle.put(GUEST_HALT_POLL_KEY, parameters(guestHaltPoll));
        idle.put(LATENCY_LIMIT, IdlePolling.limitMicros(latencyDevice));
        return idle;
    }

    /**
     * "haltpoll, guest halt polling 0 ns", "no cpuidle driver" or "…, CPUs held polling": the part of {@code idle} (as
     * {@link #ofThisMachine()} made it, read back from a fingerprint) that sets a wake-up's price.
     */
    public static String summary(Map<?, ?> idle) {
        Object driver = idle.get(DRIVER);
        String polling = "";
        if ("haltpoll".equals(driver) && idle.get(GUEST_HALT_POLL_KEY) instanceof Map<?, ?> guest && guest.get(GUEST_HALT_POLL_NS) != null) {
            polling = ", guest halt polling " + guest.get(GUEST_HALT_POLL_NS) + " ns";
        }
        OptionalLong held = heldMicros(idle);
        String holding = held.isEmpty() ? "" : held.getAsLong() == 0 ? ", CPUs held polling"
                : ", CPU wake-up latency held at " + held.getAsLong() + " µs";
        return ("none".equals(driver) ? "no cpuidle driver" : String.valueOf(driver)) + polling + holding;
    }

    /**
     * {@code idle} as two runs are compared on it: the CPU wake-up latency only where a request held
     * it below the default. No request and a device that could not be read (not root) are alike,
     * and so is a fingerprint from before the latency was recorded: only a held run is told apart.
     */
    public static Map<Object, Object> comparable(Map<?, ?> idle) {
        Map<Object, Object> compared = new LinkedHashMap<>(idle);
        if (heldMicros(idle).isEmpty()) {
            compared.remove(LATENCY_LIMIT);
        }
        return compared;
    }

    /** The CPU wake-up latency a request held below the default, if {@code idle} records one. */
    private static OptionalLong heldMicros(Map<?, ?> idle) {
        return idle.get(LATENCY_LIMIT) instanceof Number micros && micros.longValue() < IdlePolling.NO_REQUEST
                ? OptionalLong.of(micros.longValue()) : OptionalLong.empty();
    }

    private static Object parameters(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Unknown.because("no " + dir + ": the guest haltpoll cpuidle driver is not loaded");
        }
        return SettingFile.eachIn(dir, ".+", parameter -> parameter);
    }
}
