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
 * <p>One clock read per round trip, and not on the round trip's path: the measuring thread reads the
 * clock right after each message has left ({@link #sent}), while the message is in flight and the
 * thread would only wait, and records the time since the previous message left. That is one full
 * period of the closed loop — the echo's arrival, its check, JMH's loop, the next stamp and send —
 * so the values add up to the iteration's time as the mean (total time ÷ round trips) does. Read
 * after the echo instead, the clock (~20 ns with the {@code tsc} clocksource) and the histogram's
 * increment lengthened a 0.13 µs shm-spin round trip by 16 %. An iteration records one value fewer
 * than its round trips: its first send opens the first period (the pause between iterations is not
 * a round trip) and its last echo closes none.
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
    /** Set when an interval is taken (between iterations): the next send opens a period and closes none. */
    private volatile boolean restart = true;
    /** When the measuring thread's last message left ({@link #sent}); only that thread touches it. */
    private long lastSent;

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
     * Called by the measuring thread right after a closed-loop round trip's message has left, at
     * {@code now}: records the period since the previous one left, unless an iteration began since.
     */
    void sent(long now) {
        if (restart) {
            restart = false;
        } else {
            record(now - lastSent);
        }
        lastSent = now;
    }

    /** Called by the measuring thread once per paced round trip (and by {@link #sent}). */
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
