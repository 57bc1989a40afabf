package io.ipcbench.report;

/**
 * Which way a score moves when the code gets slower, from the JMH mode, never from the unit's
 * spelling: a rate may be printed as "ops/s", "msgs/ms" or a custom unit, but JMH's mode says what
 * the score is. Throughput counts operations per unit of time (a smaller score is slower); the time
 * modes — average, sample, single shot — measure time per operation (a larger score is slower).
 */
public final class Direction {
    /** JMH's short label of Mode.Throughput, as in jmh.json and BenchmarkList. */
    public static final String THROUGHPUT = "thrpt";

    private Direction() {
    }

    /** True when a larger score means slower code (every mode but throughput). */
    public static boolean higherIsSlower(String mode) {
        return !THROUGHPUT.equals(mode);
    }

    /**
     * log(candidate / baseline), oriented so that a positive value means the candidate is slower:
     * for throughput the sign is turned, so 0.7× the messages per second reads as log(1/0.7).
     */
    public static double slowdownLog(String mode, double baseline, double candidate) {
        double log = Math.log(candidate / baseline);
        return higherIsSlower(mode) ? log : -log;
    }
}
