package io.ipcbench.peer;

import org.HdrHistogram.Histogram;

/**
 * The latency of every round trip of the running trial, in nanoseconds. JMH's SampleTime mode
 * times only a thinned sample of fast operations and so over-weights the rare slow ones; here each
 * round trip is timed and recorded, without allocation or any locked instruction, into a plain
 * HdrHistogram {@link Histogram}, and {@link LatencyProfiler} takes one interval histogram per
 * iteration by swapping in a fresh one ({@link #takeInterval}). HdrHistogram's {@code Recorder}s
 * would let a reader take intervals while a writer records, at the price of two atomic increments
 * per value (its {@code WriterReaderPhaser}): 20 % of a 0.12 µs shm-spin round trip with the clock
 * read. The swap needs no such guard because JMH calls the profiler only between iterations, when
 * the measuring thread records nothing, and JMH's hand-over of the iteration's results orders the
 * thread's writes before the profiler's reads. One trial runs per JMH fork, so one static slot is
 * enough (as for {@link TrialCpu}).
 *
 * <p>One clock read per round trip: each is timed from the end of the one before ({@link #startAfter}),
 * so a recorded time holds everything the operation does — stamping, checking, JMH's loop — as the
 * mean (total time ÷ round trips) does, and the clock costs half as much. Only the first round trip
 * of an iteration reads the clock at its start too: the pause between iterations is not a round trip.
 */
public final class RoundTripLatency {
    /** Three significant digits (0.1 %) from 1 ns up to an hour: ~300 KiB, never resized. */
    private static final long HIGHEST_NANOS = 3_600_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;
    /**
     * {@code -Dipcbench.latency.recording=false} turns recording off, only to measure what it costs
     * (e.g. JMH's {@code -bm sample} percentiles with it on and off); runs keep it on.
     */
    public static final String RECORDING_PROPERTY = "ipcbench.latency.recording";
    /**
     * The recorder of the trial this JVM ran last, also after it ended: JMH runs the tear-down
     * inside the last iteration, and the profiler still reads that iteration's values.
     */
    private static volatile RoundTripLatency latest;

    /** Where the measuring thread records; swapped by {@link #takeInterval} between iterations. */
    private volatile Histogram active = newHistogram(System.currentTimeMillis());
    private Histogram recycled;
    /** Set when an interval is taken (between iterations): the next round trip times its own start. */
    private volatile boolean restart = true;

    private RoundTripLatency() {
    }

    private static Histogram newHistogram(long startMillis) {
        Histogram histogram = new Histogram(1, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
        histogram.setStartTimeStamp(startMillis);
        return histogram;
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(RECORDING_PROPERTY, "true").trim());
    }

    /** A new recorder for the trial that starts in this JVM. */
    static RoundTripLatency start() {
        RoundTripLatency latency = new RoundTripLatency();
        latest = latency;
        return latency;
    }

    /** The recorder of the trial this JVM ran last, running or ended; null before the first. */
    public static RoundTripLatency latest() {
        return latest;
    }

    /**
     * Called by the measuring thread as a round trip begins: when it starts, given when the one
     * before it ended (0 for none) — that end itself, or the clock now if an iteration began since.
     */
    long startAfter(long previousEnd) {
        if (previousEnd == 0 || restart) {
            restart = false;
            return System.nanoTime();
        }
        return previousEnd;
    }

    /** Called by the measuring thread once per round trip. */
    void record(long nanos) {
        active.recordValue(Math.min(Math.max(nanos, 1), HIGHEST_NANOS));
    }

    /**
     * Everything recorded since the last call (the first call: since the trial started). Only
     * between iterations, when the measuring thread is not recording (see the class comment).
     */
    public synchronized Histogram takeInterval() {
        long now = System.currentTimeMillis();
        Histogram next = recycled != null ? recycled : newHistogram(now);
        recycled = null;
        next.reset();
        next.setStartTimeStamp(now);
        Histogram interval = active;
        active = next;
        interval.setEndTimeStamp(now);
        restart = true;
        return interval;
    }

    /** Hands a histogram back for reuse once its values have been read and written. */
    public synchronized void recycle(Histogram histogram) {
        recycled = histogram;
    }
}
