package io.ipcbench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ipcbench.core.Unknown;

/**
 * The CPU quota of this process's control group and its ancestors: a quota below two CPUs throttles
 * a pair that needs two (shm-spin burns one per side), and throttling shows up as latency spikes
 * that look like the transport's. cgroup v2 keeps it in {@code cpu.max} ("max 100000" is none),
 * v1 in {@code cpu.cfs_quota_us}/{@code cpu.cfs_period_us} (-1 is none). The cgroup comes from
 * /proc/self/cgroup and its folder from /proc/self/mountinfo, so it is found in containers and on
 * hybrid hosts (v1 controllers with a v2 tree beside them) alike.
 */
public final class CgroupCpuQuota {
    private CgroupCpuQuota() {
    }

    /** cgroup (this process's path), version, quota ("none" or the limit and where it is set). */
    public static Map<String, Object> ofThisProcess() {
        return of(Path.of("/proc/self/cgroup"), Path.of("/proc/self/mountinfo"));
    }

    static Map<String, Object> of(Path cgroupFile, Path mountinfoFile) {
        Map<String, Object> quota = new LinkedHashMap<>();
        List<String> cgroups;
        List<String> mounts;
        try {
            cgroups = Files.readAllLines(cgroupFile);
            mounts = Files.readAllLines(mountinfoFile);
        } catch (IOException | RuntimeException e) {
            quota.put("quota", Unknown.because("cannot read " + cgroupFile + " or " + mountinfoFile + ": " + e.getMessage()));
            return quota;
        }
        // a v1 cpu controller, where there is one, is the one that limits CPU; else the v2 tree
        String v1 = cgroupPath(cgroups, "cpu");
        Path v1Mount = v1 == null ? null : mountOf(mounts, "cgroup", "cpu", v1);
        if (v1Mount != null) {
            quota.put("cgroup", v1);
            quota.put("version", "v1");
            quota.put("quota", walk(v1Mount, relative(mounts, "cgroup", "cpu", v1), CgroupCpuQuota::v1Limit));
            return quota;
        }
        String v2 = cgroupPath(cgroups, "");
        Path v2Mount = v2 == null ? null : mountOf(mounts, "cgroup2", null, v2);
        if (v2Mount == null) {
            quota.put("quota", Unknown.because("no mounted cgroup hierarchy with a cpu controller for this process"));
            return quota;
        }
        quota.put("cgroup", v2);
        quota.put("version", "v2");
        quota.put("quota", walk(v2Mount, relative(mounts, "cgroup2", null, v2), CgroupCpuQuota::v2Limit));
        return quota;
    }

    /** How one cgroup folder limits CPU: null for no limit, a description for one, "unknown (…)" if unreadable. */
    private interface Limit {
        String of(Path dir);
    }

    /**
     * The tightest quota from this cgroup up to the mount's root: "none", or e.g.
     * "1.50 CPUs (150000/100000 in /user.slice)". The root of a hierarchy has no quota files.
     */
    private static String walk(Path mount, String relative, Limit limit) {
        List<String> found = new ArrayList<>();
        Path dir = mount.resolve(relative);
        while (dir.startsWith(mount)) {
            String here = dir.equals(mount) ? null : limit.of(dir);
            if (here != null) {
                if (Unknown.is(here)) {
                    return here;
                }
                found.add(here + " in " + (dir.equals(mount) ? "/" : "/" + mount.relativize(dir)));
            }
            if (dir.equals(mount)) {
                break;
            }
            dir = dir.getParent();
        }
        return found.isEmpty() ? "none" : String.join("; ", found);
    }

    private static String v2Limit(Path dir) {
        Path file = dir.resolve("cpu.max");
        if (!Files.exists(file)) {
            return Files.isDirectory(dir) ? null : Unknown.because("no " + dir); // no cpu controller enabled here
        }
        String max = SettingFile.read(file);
        if (Unknown.is(max)) {
            return max;
        }
        String[] parts = max.split("\\s+");
        return parts[0].equals("max") ? null : cpus(parts[0], parts.length > 1 ? parts[1] : "100000");
    }

    private static String v1Limit(Path dir) {
        String quota = SettingFile.read(dir.resolve("cpu.cfs_quota_us"));
        if (Unknown.is(quota)) {
            return quota;
        }
        if (quota.startsWith("-")) {
            return null;
        }
        String period = SettingFile.read(dir.resolve("cpu.cfs_period_us"));
        return Unknown.is(period) ? period : cpus(quota, period);
    }

    private static String cpus(String quota, String period) {
        try {
            return String.format(java.util.Locale.ROOT, "%.2f CPUs (%s/%s)", Double.parseDouble(quota) / Double.parseDouble(period),
                    quota, period);
        } catch (NumberFormatException e) {
            return Unknown.because("quota '" + quota + "' per period '" + period + "' is not a number");
        }
    }

    /** The cgroup path of a v1 controller (or of the v2 tree for ""), from /proc/self/cgroup lines "id:controllers:path". */
    private static String cgroupPath(List<String> lines, String controller) {
        for (String line : lines) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3) {
                continue;
            }
            boolean matches = controller.isEmpty() ? fields[0].equals("0") && fields[1].isEmpty()
                    : List.of(fields[1].split(",")).contains(controller);
            if (matches) {
                return fields[2];
            }
        }
        return null;
    }

    /** The mount point of the hierarchy of type {@code fsType} (with {@code option}) that holds {@code cgroup}. */
    private static Path mountOf(List<String> mountinfo, String fsType, String option, String cgroup) {
        String[] mount = findMount(mountinfo, fsType, option, cgroup);
        return mount == null ? null : Path.of(mount[1]);
    }

    /** {@code cgroup} relative to the mount's root (in a container the mount's root may be the cgroup itself). */
    private static String relative(List<String> mountinfo, String fsType, String option, String cgroup) {
        String root = findMount(mountinfo, fsType, option, cgroup)[0];
        String rest = root.equals("/") ? cgroup : cgroup.substring(root.length());
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    /** {root, mount point} of the matching line of /proc/self/mountinfo, or null. */
    private static String[] findMount(List<String> mountinfo, String fsType, String option, String cgroup) {
        for (String line : mountinfo) {
            int separator = line.indexOf(" - ");
            if (separator < 0) {
                continue;
            }
            String[] before = line.substring(0, separator).split(" ");
            String[] after = line.substring(separator + 3).split(" ");
            if (before.length < 5 || after.length < 3 || !after[0].equals(fsType)) {
                continue;
            }
            if (option != null && !List.of(after[2].split(",")).contains(option)) {
                continue;
            }
            String root = before[3];
            if (root.equals("/") || cgroup.equals(root) || cgroup.startsWith(root + "/")) {
                return new String[] {root, before[4]};
            }
        }
        return null;
    }
}
