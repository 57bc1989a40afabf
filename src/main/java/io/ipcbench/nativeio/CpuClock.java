package io.ipcbench.nativeio;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The CPU time of a whole process, in nanoseconds: every thread's time on a CPU, also of threads
 * that have ended, as the kernel keeps it (the process's CPU-time clock, {@code clock_gettime} on
 * the clock {@code clock_getcpuclockid(pid)} names: {@code ((~pid) << 3) | CPUCLOCK_SCHED}, as in
 * the kernel's {@code include/linux/posix-timers.h}). Any process's clock can be read, as its
 * {@code /proc/PID/stat} can, with no privilege.
 *
 * <p>A reading allocates nothing (one direct-mapped call into a buffer made once), so a trial can
 * take it inside a measured iteration. One caller at a time per clock.
 */
public final class CpuClock {
    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    /** CLOCK_PROCESS_CPUTIME_ID: the calling process's own clock. */
    private static final int OWN_PROCESS = 2;
    /** CPUCLOCK_SCHED: the time on a CPU, in ns, as schedstat counts it. */
    private static final int SCHED = 2;
    private static final long TIMESPEC_BYTES = 2 * Long.BYTES;

    private final int clock;
    private final NativeMemory timespec = new NativeMemory(TIMESPEC_BYTES);

    private CpuClock(int clock) {
        this.clock = clock;
    }

    /** Returns 0, or -1 with errno set (EINVAL once the process is gone). */
    private static native int clock_gettime(int clock, long timespec);

    /** The clock of this process. */
    public static CpuClock ofThisProcess() {
        return new CpuClock(OWN_PROCESS);
    }

    /** The clock of process {@code pid} (its thread group: all its threads). */
    public static CpuClock ofProcess(long pid) {
        return new CpuClock((~(int) pid << 3) | SCHED);
    }

    /** Nanoseconds all threads of the process have run so far; -1 once the process is gone (reaped). */
    public synchronized long nanos() {
        if (clock_gettime(clock, timespec.address()) != 0) {
            return -1;
        }
        return timespec.getLong(0) * 1_000_000_000L + timespec.getLong(Long.BYTES);
    }
}
