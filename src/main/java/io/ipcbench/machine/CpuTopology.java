package io.ipcbench.machine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.ipcbench.core.Unknown;

/**
 * Which CPUs there are and what they share: two "CPUs" that are SMT siblings of one core contend
 * for its caches and execution units, and two on different NUMA nodes reach each other's memory
 * slowly, so the same placement (CPU 0 and CPU 1) means different things on different machines.
 * Read from /sys/devices/system/cpu and /sys/devices/system/node.
 */
public final class CpuTopology {
    private static final Path CPUS = Path.of("/sys/devices/system/cpu");
    private static final Path NODES = Path.of("/sys/devices/system/node");

    private CpuTopology() {
    }

    /** online, onlineCount, smtSiblings (cpuN → its thread_siblings_list), cores, packages, numaNodes. */
    public static Map<String, Object> ofThisMachine() {
        return of(CPUS, NODES);
    }

    static Map<String, Object> of(Path cpus, Path nodes) {
        Map<String, Object> topology = new LinkedHashMap<>();
        String online = SettingFile.read(cpus.resolve("online"));
        topology.put("online", online);
        List<Integer> onlineCpus = Unknown.is(online) ? null : parseList(online);
        topology.put("onlineCount", onlineCpus == null ? Unknown.because("the online list is " + online) : onlineCpus.size());

        Map<String, String> siblings = new LinkedHashMap<>();
        TreeSet<String> cores = new TreeSet<>();
        TreeSet<String> packages = new TreeSet<>();
        String unreadable = onlineCpus == null ? "the online CPUs are not known" : null;
        for (int cpu : onlineCpus == null ? List.<Integer>of() : onlineCpus) {
            Path dir = cpus.resolve("cpu" + cpu).resolve("topology");
            String list = SettingFile.read(dir.resolve("thread_siblings_list"));
            String pkg = SettingFile.read(dir.resolve("physical_package_id"));
            siblings.put("cpu" + cpu, list);
            if (Unknown.is(list)) {
                unreadable = "cpu" + cpu + "'s siblings are " + list;
            }
            cores.add(list);
            packages.add(pkg);
        }
        topology.put("smtSiblings", onlineCpus == null ? Unknown.because(unreadable) : siblings);
        topology.put("cores", unreadable == null ? (Object) cores.size() : Unknown.because(unreadable));
        topology.put("packages", packages.stream().anyMatch(Unknown::is) || onlineCpus == null
                ? Unknown.because("physical_package_id is not readable for every online CPU") : (Object) packages.size());
        topology.put("numaNodes", numaNodes(nodes));
        return topology;
    }

    /** nodeN → its cpulist, or "unknown (…)" where the kernel has no NUMA support or hides it. */
    private static Object numaNodes(Path nodes) {
        if (!Files.isDirectory(nodes)) {
            return Unknown.because("no " + nodes + " (a kernel without NUMA support: one node)");
        }
        return SettingFile.eachIn(nodes, "node\\d+", node -> node.resolve("cpulist"));
    }

    /** A kernel CPU list such as {@code 0-3,8,10-11}; null if it is not one. */
    static List<Integer> parseList(String list) {
        List<Integer> cpus = new ArrayList<>();
        try {
            for (String part : list.trim().split(",")) {
                int dash = part.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(part.substring(dash + 1));
                for (int cpu = first; cpu <= last; cpu++) {
                    cpus.add(cpu);
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return cpus;
    }
}
