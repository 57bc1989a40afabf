package io.ipcbench.peer;

import org.HdrHistogram.Histogram;

/**
 * A trial's latencies in nanoseconds, taken one interval (iteration) at a time: the measuring thread
 * records into a plain HdrHistogram {@link Histogram}, and {@link LatencyProfiler} takes each
 * iteration's by swapping in the spare one ({@link #takeInterval}) and hands it back once read
 * ({@link #recycle}), so the two histograms are made once per trial and reused, the recording never
 * allocates, and the profiler's reading does not either. The swap needs no guard because JMH calls
 * the profiler only between iterations, when the measuring thread records nothing, and JMH's
 * hand-over of the iteration's results orders the thread's writes before the profiler's reads.
 * {@link RoundTripLatency} (every round trip) and {@link OneWayLatency} (every one-way message,
 * recorded by the peer) are the two kinds.
 */
public abstract class IntervalHistogram {
    /** Three significant digits (0.1 %) from 1 ns up to an hour: ~300 KiB, never resized. */
    static final long HIGHEST_NANOS = 3_600_000_000_000L;
    static final int SIGNIFICANT_DIGITS = 3;

    /** Where the measuring thread records; swapped by {@link #takeInterval} between iterations. */
    private volatile Histogram active = newHistogram(System.currentTimeMillis());
    private Histogram recycled;

    /** An empty histogram of the suite's range and precision, from {@code startMillis}. */
    public static Histogram newHistogram(long startMillis) {
        Histogram histogram = new Histogram(1, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
        histogram.setStartTimeStamp(startMillis);
        return histogram;
    }

    /** {@code nanos} clamped into the histogram's range. */
    static long clamp(long nanos) {
        return Math.min(Math.max(nanos, 1), HIGHEST_NANOS);
    }

    /** The histogram the measuring thread records into now. */
    final Histogram active() {
        return active;
    }

    /**
     * Everything recorded since the last call (the first call: since the trial started). Only
     * between iterations, when the measuring thread is not recording.
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
        intervalTaken();
        return interval;
    }

    /** Called by {@link #takeInterval} once the new interval has begun. */
    protected void intervalTaken() {
    }

    /** Hands a histogram back for reuse once its values have been read and written. */
    public synchronized void recycle(Histogram histogram) {
        recycled = histogram;
    }
}
