package io.ipcbench.machine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ipcbench.core.ClockSource;

/**
 * The settings of this machine that change the suite's figures without changing its identity
 * (kernel, CPU model, JDK): the CPU topology, how idle CPUs wait (cpuidle, halt polling), the
 * clock source (what a timestamp costs), transparent huge pages (how the JVM's and the segment's
 * memory is backed) and the cgroup CPU quota. Recorded in fingerprint.json to explain a difference
 * between two runs; none of them decides whether two runs may be compared.
 */
public final class MachineSettings {
    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage");

    private MachineSettings() {
    }

    /** cpuTopology, cpuidle, clocksource, transparentHugePages, cgroupCpu: each a value or "unknown (reason)". */
    public static Map<String, Object> ofThisMachine() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("cpuTopology", CpuTopology.ofThisMachine());
        settings.put("cpuidle", IdleSettings.ofThisMachine());
        settings.put("clocksource", SettingFile.read(ClockSource.FILE));
        Map<String, Object> thp = new LinkedHashMap<>();
        thp.put("enabled", SettingFile.chosen(THP.resolve("enabled")));
        thp.put("defrag", SettingFile.chosen(THP.resolve("defrag")));
        settings.put("transparentHugePages", thp);
        settings.put("cgroupCpu", CgroupCpuQuota.ofThisProcess());
        return settings;
    }
}
