package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.ipcbench.report.ResultRow;

/**
 * The launcher tests' check that a row's timed path allocated nothing, from JMH's {@code -prof gc}
 * (as {@code MeasuredRunTest} checks it): at most 2 B per operation plus the share of JMH's own
 * per-iteration allocation (64 KiB) that falls on each operation. Not in a fork's last iteration:
 * JMH runs the trial's tear-down (stopping the peer) inside it.
 */
final class AllocationCheck {
    private static final double ALLOWED_BYTES_PER_OP = 2;
    private static final double JMH_BYTES_PER_ITERATION = 64 * 1024;

    private AllocationCheck() {
    }

    /** {@code operations}: the secondary metric that counts each iteration's operations (e.g. {@code rtt.count}). */
    static void assertNothingAllocated(ResultRow row, String operations, String name) {
        List<List<Double>> alloc = row.secondary().get("gc.alloc.rate.norm").forks();
        List<List<Double>> ops = row.secondary().get(operations).forks();
        for (int fork = 0; fork < alloc.size(); fork++) {
            for (int i = 0; i < alloc.get(fork).size() - 1; i++) {
                assertThat(alloc.get(fork).get(i)).as("%s: bytes allocated per op", name)
                        .isLessThanOrEqualTo(ALLOWED_BYTES_PER_OP + JMH_BYTES_PER_ITERATION / ops.get(fork).get(i));
            }
        }
    }
}
