package io.ipcbench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ipcbench.core.Unknown;

/**
 * Time the hypervisor gave this VM's CPUs to someone else ("steal", the eighth column of the cpu
 * lines of /proc/stat). A trial whose CPU was stolen for a while measures the host, not the
 * channel; the share of elapsed CPU time stolen during a run says how much of that there was.
 * A sample is taken at the start and another at the end of the run.
 */
public final class StealTime {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** user nice system idle iowait irq softirq steal: guest time is already counted in user and nice. */
    private static final int COUNTED_COLUMNS = 8;
    private static final int STEAL_COLUMN = 7;

    /** cpu line name ("cpu", "cpu0" …) → {steal ticks, all ticks}; null with {@link #unreadable} if /proc/stat could not be read. */
    private final Map<String, long[]> ticks;
    private final String unreadable;

    private StealTime(Map<String, long[]> ticks, String unreadable) {
        this.ticks = ticks;
        this.unreadable = unreadable;
    }

    public static StealTime sample() {
        return sample(PROC_STAT);
    }

    static StealTime sample(Path procStat) {
        try {
            return parse(Files.readAllLines(procStat));
        } catch (IOException | RuntimeException e) {
            return new StealTime(null, "cannot read " + procStat + ": " + e.getMessage());
        }
    }

    static StealTime parse(List<String> lines) {
        Map<String, long[]> ticks = new TreeMap<>();
        for (String line : lines) {
            if (!line.startsWith("cpu")) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            if (fields.length <= COUNTED_COLUMNS) {
                return new StealTime(null, "/proc/stat has no steal column (a kernel before 2.6.11)");
            }
            long all = 0;
            for (int column = 0; column < COUNTED_COLUMNS; column++) {
                all += Long.parseLong(fields[column + 1]);
            }
            ticks.put(fields[0], new long[] {Long.parseLong(fields[STEAL_COLUMN + 1]), all});
        }
        return ticks.containsKey("cpu") ? new StealTime(ticks, null) : new StealTime(null, "no cpu line in /proc/stat");
    }

    /**
     * What was stolen between this sample and {@code later}: {@code share} of all CPUs' elapsed time,
     * {@code stolenTicks} and {@code elapsedTicks} (USER_HZ), and {@code perCpu} shares; or
     * {@code "unknown (…)"} if either sample failed.
     */
    public Object until(StealTime later) {
        String why = unreadable != null ? unreadable : later.unreadable;
        if (why != null) {
            return Unknown.because(why);
        }
        Map<String, Object> steal = new LinkedHashMap<>();
        long[] all = delta(later, "cpu");
        steal.put("share", share(all));
        steal.put("stolenTicks", all[0]);
        steal.put("elapsedTicks", all[1]);
        Map<String, Object> perCpu = new TreeMap<>();
        for (String cpu : ticks.keySet()) {
            if (!cpu.equals("cpu") && later.ticks.containsKey(cpu)) {
                perCpu.put(cpu, share(delta(later, cpu)));
            }
        }
        steal.put("perCpu", perCpu);
        return steal;
    }

    private long[] delta(StealTime later, String cpu) {
        long[] before = ticks.get(cpu);
        long[] after = later.ticks.get(cpu);
        return new long[] {after[0] - before[0], after[1] - before[1]};
    }

    private static Object share(long[] stolenAndElapsed) {
        return stolenAndElapsed[1] <= 0 ? Unknown.because("no CPU time elapsed between the samples")
                : (Object) ((double) stolenAndElapsed[0] / stolenAndElapsed[1]);
    }
}
