package io.ipcbench.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.core.Unknown;

/**
 * The readers behind the fingerprint's machine settings, on made-up /sys and /proc trees: each
 * gives the value, or "unknown (reason)" for what is missing, and none throws.
 */
class MachineSettingsTest {
    @TempDir
    Path root;

    private Path write(String relative, String contents) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, contents);
    }

    @Test
    void aSettingIsItsValueOrAReason() throws IOException {
        assertThat(SettingFile.read(write("clocksource", "tsc\n"))).isEqualTo("tsc");
        assertThat(SettingFile.chosen(write("enabled", "always [madvise] never\n"))).isEqualTo("madvise");
        assertThat(SettingFile.chosen(write("plain", "42\n"))).isEqualTo("42");
        assertThat(SettingFile.read(root.resolve("missing"))).isEqualTo("unknown (no " + root.resolve("missing") + ")");
        assertThat(SettingFile.read(write("empty", ""))).isEqualTo("unknown (" + root.resolve("empty") + " is empty)");
        assertThat(SettingFile.firstOf(root.resolve("missing"), root.resolve("clocksource"))).isEqualTo("tsc");
    }

    @Test
    void topologyCountsCoresFromSmtSiblings() throws IOException {
        Path cpus = root.resolve("cpu");
        write("cpu/online", "0-3\n");
        for (int cpu = 0; cpu < 4; cpu++) {
            write("cpu/cpu" + cpu + "/topology/thread_siblings_list", cpu % 2 == 0 ? "0,2" : "1,3");
            write("cpu/cpu" + cpu + "/topology/physical_package_id", "0");
        }
        write("node/node0/cpulist", "0-3");
        Map<String, Object> topology = CpuTopology.of(cpus, root.resolve("node"));
        assertThat(topology).containsEntry("online", "0-3").containsEntry("onlineCount", 4).containsEntry("cores", 2)
                .containsEntry("packages", 1).containsEntry("numaNodes", Map.of("node0", "0-3"));
        assertThat(topology.get("smtSiblings")).isEqualTo(Map.of("cpu0", "0,2", "cpu1", "1,3", "cpu2", "0,2", "cpu3", "1,3"));

        Map<String, Object> bare = CpuTopology.of(root.resolve("nothing"), root.resolve("nothing"));
        assertThat(bare.values()).allSatisfy(value -> assertThat(Unknown.is(value)).as(String.valueOf(value)).isTrue());
        assertThat(bare).containsKeys("online", "onlineCount", "smtSiblings", "cores", "packages", "numaNodes");
    }

    @Test
    void idleSettingsNameWhatIsMissing() throws IOException {
        write("cpuidle/current_driver", "haltpoll");
        write("cpuidle/current_governor", "menu");
        write("haltpoll/guest_halt_poll_ns", "200000");
        Files.write(root.resolve("cpu_dma_latency"), IdlePollingTest.nativeInt(0));
        Map<String, Object> idle = IdleSettings.of(root.resolve("cpuidle"), root.resolve("kvm/halt_poll_ns"), root.resolve("haltpoll"),
                root.resolve("cpu_dma_latency"));
        assertThat(idle).containsEntry("driver", "haltpoll").containsEntry("governor", "menu")
                .containsEntry("guestHaltPoll", Map.of("guest_halt_poll_ns", "200000")).containsEntry("cpuLatencyLimitUs", 0);
        assertThat(idle.get("kvmHaltPollNs")).asString().startsWith("unknown (no ");
        Map<String, Object> bare = IdleSettings.of(root.resolve("x"), root.resolve("y"), root.resolve("z"), root.resolve("w"));
        assertThat(bare.get("guestHaltPoll")).asString().contains("the guest haltpoll cpuidle driver is not loaded");
        assertThat(bare.get("cpuLatencyLimitUs")).asString().isEqualTo("unknown (no " + root.resolve("w") + ")");
    }

    @Test
    void stealIsAShareOfElapsedCpuTime() {
        StealTime start = StealTime.parse(List.of("cpu  100 0 100 700 0 0 0 100 0 0", "cpu0 50 0 50 350 0 0 0 50 0 0", "intr 1"));
        StealTime end = StealTime.parse(List.of("cpu  200 0 200 1400 0 0 0 200 50 0", "cpu0 100 0 100 750 0 0 0 50 0 0"));
        @SuppressWarnings("unchecked")
        Map<String, Object> steal = (Map<String, Object>) start.until(end);
        assertThat(steal).containsEntry("share", 0.1).containsEntry("stolenTicks", 100L).containsEntry("elapsedTicks", 1000L);
        assertThat(steal.get("perCpu")).isEqualTo(Map.of("cpu0", 0.0));
        assertThat(StealTime.sample(root.resolve("no-stat")).until(end)).asString().startsWith("unknown (cannot read ");
        assertThat(StealTime.parse(List.of("cpu  1 2 3 4")).until(end)).isEqualTo("unknown (/proc/stat has no steal column (a kernel before 2.6.11))");
    }

    @Test
    void aCgroupV2QuotaIsFoundUpTheTree() throws IOException {
        Path cgroup = write("self/cgroup", "0::/user.slice/session-1.scope\n");
        Path mountinfo = write("self/mountinfo", "41 31 0:38 / " + root.resolve("unified") + " rw,relatime - cgroup2 cgroup2 rw\n");
        write("unified/user.slice/cpu.max", "150000 100000\n");
        write("unified/user.slice/session-1.scope/cpu.max", "max 100000\n");
        Map<String, Object> quota = CgroupCpuQuota.of(cgroup, mountinfo);
        assertThat(quota).containsEntry("cgroup", "/user.slice/session-1.scope").containsEntry("version", "v2")
                .containsEntry("quota", "1.50 CPUs (150000/100000) in /user.slice");
    }

    @Test
    void aCgroupV1CpuControllerWithoutQuotaIsNone() throws IOException {
        Path cgroup = write("self/cgroup", "1:cpu:/\n0::/\n");
        Path mountinfo = write("self/mountinfo", "32 31 0:29 / " + root.resolve("cpu") + " rw,relatime - cgroup cgroup rw,cpu\n"
                + "41 31 0:38 / " + root.resolve("unified") + " rw,relatime - cgroup2 cgroup2 rw\n");
        write("cpu/cpu.cfs_quota_us", "-1\n");
        assertThat(CgroupCpuQuota.of(cgroup, mountinfo)).containsEntry("version", "v1").containsEntry("quota", "none");
    }

    @Test
    void noCgroupIsAReason() throws IOException {
        assertThat(CgroupCpuQuota.of(root.resolve("none"), root.resolve("none")).get("quota")).asString().startsWith("unknown (cannot read ");
        Path cgroup = write("self/cgroup", "0::/a\n");
        Path mountinfo = write("self/mountinfo", "");
        assertThat(CgroupCpuQuota.of(cgroup, mountinfo).get("quota"))
                .isEqualTo("unknown (no mounted cgroup hierarchy with a cpu controller for this process)");
    }

    @Test
    void thisMachineGivesEveryKey() {
        Map<String, Object> settings = MachineSettings.ofThisMachine();
        assertThat(settings).containsKeys("cpuTopology", "cpuidle", "clocksource", "transparentHugePages", "cgroupCpu");
        assertThat(settings.values()).doesNotContainNull();
    }
}
