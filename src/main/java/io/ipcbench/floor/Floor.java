package io.ipcbench.floor;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import io.ipcbench.core.Placement;
import io.ipcbench.core.Unknown;
import io.ipcbench.nativeio.Sys;

/**
 * The machine's own floor (docs/measurement.md, "Measurement"): what the hardware and the
 * hypervisor allow on the pinned CPUs right now — a cache line's round trip between the two CPUs,
 * a blocked thread's wake-up across them, a stream of 64 KiB messages from one to the other, and
 * copy bandwidth on the initiator's CPU. A run measures
 * it before its first trial and after its last, so that a reader can tell a change of the machine
 * (the host moved the vCPUs) from a change of the code.
 *
 * <p>The cross-CPU figures always use the CPUs of {@link Placement#CROSS_CORE} (0 and 1), also for
 * a same-core run: they are the figures that need two CPUs. A figure that cannot be measured (one
 * CPU online, a CPU this process may not use, a machine too busy to answer in time) is recorded as
 * "unknown (reason)". It first waits for the JIT to be idle ({@link QuietJit}), so that the probes
 * are measured in their compiled code. The whole floor takes at most about {@link #BUDGET_MILLIS} ms.
 */
public final class Floor {
    /** Time allowed to each cross-CPU probe, and to each copy size. */
    private static final long CROSS_CPU_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long COPY_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(150);
    /** How long past its deadline a probe's threads may take to notice it and end. */
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long STREAM_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    static final long BUDGET_MILLIS = TimeUnit.NANOSECONDS.toMillis(QuietJit.MAX_WAIT_NANOS + 2 * CROSS_CPU_BUDGET_NANOS + STREAM_BUDGET_NANOS
            + 2 * COPY_BUDGET_NANOS);

    private final int initiatorCpu;
    private final int peerCpu;
    /** Each figure: a Double, or "unknown (reason)". */
    private final Map<FloorFigure, Object> figures;
    private final long tookMillis;

    private Floor(int initiatorCpu, int peerCpu, Map<FloorFigure, Object> figures, long tookMillis) {
        this.initiatorCpu = initiatorCpu;
        this.peerCpu = peerCpu;
        this.figures = figures;
        this.tookMillis = tookMillis;
    }

    /** Measures the floor on the CPUs of the cross-core placement (initiator CPU 0, peer CPU 1). */
    public static Floor measure() {
        return measure(Placement.CROSS_CORE.initiatorCpu(), Placement.CROSS_CORE.peerCpu(), Sys.onlineCpus());
    }

    /** On these CPUs, of {@code online} CPUs (given, so that a one-CPU machine can be tested on any). */
    static Floor measure(int initiatorCpu, int peerCpu, int online) {
        long start = System.nanoTime();
        QuietJit.await();
        Map<FloorFigure, Object> figures = new EnumMap<>(FloorFigure.class);
        String noSecondCpu = online < 2 ? "only " + online + " CPU online: no cross-CPU figure" : null;
        figures.put(FloorFigure.CACHE_LINE_RTT, noSecondCpu != null ? Unknown.because(noSecondCpu)
                : attempt(() -> CacheLineRoundTrip.medianNanos(initiatorCpu, peerCpu, CROSS_CPU_BUDGET_NANOS)));
        figures.put(FloorFigure.WAKE_UP_RTT, noSecondCpu != null ? Unknown.because(noSecondCpu)
                : attempt(() -> WakeUpRoundTrip.medianMicros(initiatorCpu, peerCpu, CROSS_CPU_BUDGET_NANOS)));
        figures.put(FloorFigure.STREAM_64_KIB, noSecondCpu != null ? Unknown.because(noSecondCpu)
                : attempt(() -> CrossCpuStream.medianGBps(initiatorCpu, peerCpu, STREAM_BUDGET_NANOS)));
        figures.put(FloorFigure.COPY_64_KIB, attempt(() -> CopyBandwidth.medianGBps(initiatorCpu, 64 << 10, COPY_BUDGET_NANOS)));
        figures.put(FloorFigure.COPY_1_MIB, attempt(() -> CopyBandwidth.medianGBps(initiatorCpu, 1 << 20, COPY_BUDGET_NANOS)));
        return new Floor(initiatorCpu, peerCpu, figures, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** A floor of given figures (Double or "unknown (…)"), e.g. read back or made up for a test. */
    public static Floor of(Map<FloorFigure, Object> figures) {
        Map<FloorFigure, Object> copy = new EnumMap<>(FloorFigure.class);
        for (FloorFigure figure : FloorFigure.values()) {
            copy.put(figure, figures.getOrDefault(figure, Unknown.because("not measured")));
        }
        return new Floor(Placement.CROSS_CORE.initiatorCpu(), Placement.CROSS_CORE.peerCpu(), copy, 0);
    }

    /** A floor read back from fingerprint.json ({@link #toJson()}); a figure it lacks is "unknown (not recorded)". */
    public static Floor fromJson(Map<?, ?> json) {
        Map<FloorFigure, Object> figures = new EnumMap<>(FloorFigure.class);
        for (FloorFigure figure : FloorFigure.values()) {
            Object value = json.get(figure.key());
            figures.put(figure, value instanceof Number n ? (Object) n.doubleValue()
                    : value != null ? String.valueOf(value) : Unknown.because("not recorded"));
        }
        return new Floor(Placement.CROSS_CORE.initiatorCpu(), Placement.CROSS_CORE.peerCpu(), figures, 0);
    }

    private static Object attempt(DoubleSupplier probe) {
        try {
            double value = probe.getAsDouble();
            return Double.isFinite(value) && value > 0 ? (Object) value : Unknown.because("the probe measured " + value);
        } catch (RuntimeException e) {
            return Unknown.because(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The figure's value, or empty if it is unknown. */
    public OptionalDouble value(FloorFigure figure) {
        return figures.get(figure) instanceof Double value ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** The figure as recorded: a Double, or "unknown (reason)". */
    public Object recorded(FloorFigure figure) {
        return figures.get(figure);
    }

    /** How long the measurement took, in ms (0 for given figures). */
    public long tookMillis() {
        return tookMillis;
    }

    /** For fingerprint.json: the CPUs, each figure (rounded to 0.01 of its unit) and how long it took. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("initiatorCpu", initiatorCpu);
        json.put("peerCpu", peerCpu);
        for (FloorFigure figure : FloorFigure.values()) {
            Object value = figures.get(figure);
            json.put(figure.key(), value instanceof Double d ? Math.round(d * 100) / 100.0 : value);
        }
        json.put("tookMs", tookMillis);
        return json;
    }

    /** One line: "cache-line RTT 191 ns, cross-CPU wake-up RTT 45.2 µs, …". */
    public String summary() {
        StringBuilder line = new StringBuilder();
        for (FloorFigure figure : FloorFigure.values()) {
            Object value = figures.get(figure);
            line.append(line.length() == 0 ? "" : ", ").append(figure.label()).append(' ')
                    .append(value instanceof Double d ? figure.format(d) : value);
        }
        return line.toString();
    }
}
