package io.ipcbench.floor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

import io.ipcbench.core.Placement;
import io.ipcbench.nativeio.Sys;

/**
 * The machine's floor in every fork: the cross-CPU stream ({@link CrossCpuStream}, 64 KiB messages
 * from CPU 0 to CPU 1) and the cross-CPU wake-up round trip ({@link WakeUpRoundTrip}, a blocked
 * thread woken from the other CPU and back), measured once per fork right after its last measured
 * iteration and reported with it as {@value #METRIC} (GB/s) and {@value #WAKE_UP_METRIC} (µs). The
 * stream shows where the host placed the two vCPUs; the wake-up shows what the hypervisor charges to
 * wake one, which a blocking round trip mostly is and the stream does not see. The host moves the two vCPUs from one minute to the
 * next (the stream reads 53–61 GB/s in one placement, 8–11 GB/s in the other, and every
 * shared-memory stream moves with it), so a run of many minutes may mix placements; the run's start
 * and end floors cannot say which rows ran in which, this can. JMH's own score of the metric is the
 * largest fork's reading; each fork's is in its {@code rawData}.
 *
 * <p>Why after the last iteration: by then the trial's tear-down has run (it runs inside that
 * iteration), so no peer and no spinning thread holds the two CPUs, and the JIT is idle. At the
 * fork's start it is not: a fresh JVM compiles its start-up while the probe's two threads hold both
 * CPUs, and the probe finished no batch within its budget. The stream is the figure chosen because
 * it is mostly a native copy, little changed by what the JIT has or has not compiled yet. Listed
 * first among the profilers, it is the last JMH asks after an iteration (JMH stops profilers in
 * reverse order), so its probe's CPU time is outside the CPU profiler's window. A fork that cannot
 * measure it (one CPU, a CPU it may not use) reports nothing.
 */
public final class ForkFloorProfiler implements InternalProfiler {
    public static final String METRIC = "floor.stream";
    /** The fork's cross-CPU wake-up round trip, µs. */
    public static final String WAKE_UP_METRIC = "floor.wakeup";
    /** Enough for a few repeats even in the slow placement (~25 ms a repeat), little beside a fork's seconds. */
    private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(150);
    /**
     * The wake-up probe's budget: a third warms up, the rest takes up to three repeats of
     * {@link #WAKE_UP_ROUND_TRIPS} round trips (~2–9 ms a repeat at 20–90 µs a round trip).
     */
    private static final long WAKE_UP_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final int WAKE_UP_ROUND_TRIPS = 100;

    private int measuredIterations;
    private Thread classLoader;

    @Override
    public String getDescription() {
        return "the machine's floor in every fork: the cross-CPU stream after the last measured iteration (ipc-bench)";
    }

    /**
     * During the first warm-up iteration (discarded anyway), loads the probe's classes on a thread of its own: the probe
     * at the fork's end then costs ~60-90 ms instead of ~200-300. Without warm-up it does nothing here, so that no
     * measured iteration shares its CPUs.
     */
    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (classLoader == null && iterationParams.getType() == IterationType.WARMUP) {
            classLoader = new Thread(CrossCpuStream::loadClasses, "ipc-bench floor classes");
            classLoader.setDaemon(true);
            classLoader.start();
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT || ++measuredIterations < iterationParams.getCount()) {
            return List.of();
        }
        double gbps = measure(() -> CrossCpuStream.medianGBps(Placement.CROSS_CORE.initiatorCpu(), Placement.CROSS_CORE.peerCpu(),
                BUDGET_NANOS));
        double micros = measure(() -> WakeUpRoundTrip.medianMicros(Placement.CROSS_CORE.initiatorCpu(), Placement.CROSS_CORE.peerCpu(),
                WAKE_UP_BUDGET_NANOS, WAKE_UP_ROUND_TRIPS));
        // MAX, not AVG: JMH counts the fork's other iterations, which carry no reading, as zeros when it averages, so
        // its score would be a third of the floor with three iterations; the largest fork's reading is a true one, and
        // rawData keeps every fork's (which is what the report and scripts/ab read)
        List<Result> results = new ArrayList<>();
        if (gbps > 0) {
            results.add(new ScalarResult(METRIC, gbps, "GB/s", AggregationPolicy.MAX));
        }
        if (micros > 0) {
            results.add(new ScalarResult(WAKE_UP_METRIC, micros, "us", AggregationPolicy.MAX));
        }
        return results;
    }

    private double measure(DoubleSupplier probe) {
        if (Sys.onlineCpus() < 2) {
            return Double.NaN;
        }
        try {
            if (classLoader != null) {
                classLoader.join(); // long done: it had the whole warm-up
            }
            return probe.getAsDouble();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        } catch (RuntimeException e) {
            return Double.NaN; // an unknown floor leaves the row without the metric, never fails the trial
        }
    }
}
