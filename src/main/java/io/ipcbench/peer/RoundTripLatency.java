package io.ipcbench.peer;

/**
 * The latency of every round trip of the running trial, in nanoseconds. JMH's SampleTime mode
 * times only a thinned sample of fast operations and so over-weights the rare slow ones; here each
 * round trip is timed and recorded, without allocation or any locked instruction, into a plain
 * HdrHistogram {@code Histogram}, and {@link LatencyProfiler} takes one interval histogram per
 * iteration ({@link IntervalHistogram}). HdrHistogram's {@code Recorder}s
 * would let a reader take intervals while a writer records, at the price of two atomic increments
 * per value (its {@code WriterReaderPhaser}): 20 % of a 0.12 µs shm-spin round trip with the clock
 * read. The trial's record ({@link TrialRecord}) holds it.
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
public final class RoundTripLatency extends IntervalHistogram {
    /**
     * {@code -Dipcbench.latency.recording=false} turns recording off, only to measure what it costs
     * (e.g. JMH's {@code -bm sample} percentiles with it on and off); runs keep it on.
     */
    public static final String RECORDING_PROPERTY = "ipcbench.latency.recording";
    /** Set when an interval is taken (between iterations): the next send opens a period and closes none. */
    private volatile boolean restart = true;
    /** When the measuring thread's last message left ({@link #sent}); only that thread touches it. */
    private long lastSent;

    /** Made once per trial, by its record ({@link TrialRecord}). */
    RoundTripLatency() {
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(RECORDING_PROPERTY, "true").trim());
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
        active().recordValue(clamp(nanos));
    }

    @Override
    protected void intervalTaken() {
        restart = true;
    }
}
