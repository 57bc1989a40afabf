package io.ipcbench.peer;

/**
 * The one-way latency of every message of the running trial's stream, in nanoseconds, as the peer
 * measured it: its clock when the message was in, less the send stamp the message carries
 * ({@code core.Message}; the send itself in a stream, the message's slot in a paced one-way load).
 * The peer records into a histogram of its own ({@link OneWayReply}); at the end of every iteration
 * the initiator asks for it ({@link Exchange#collectOneWay}) and adds it here, where
 * {@link LatencyProfiler} takes it as {@code oneway.*} like the round trips' {@code rtt.*}. The
 * trial's record ({@link TrialRecord}) holds it.
 *
 * <p>Also counted: messages the peer read before their stamp ({@code inversions}), which two
 * processes reading one clock never do (docs/measurement.md, "One-way latency").
 */
public final class OneWayLatency extends IntervalHistogram {
    /**
     * At full speed a stream times one message in this many (those whose sequence number is a
     * multiple of it; the others carry stamp 0, which the peer skips): two clock reads and a
     * histogram record on every message made a spinning 64 B stream 2–3× slower (results/README.md,
     * "One-way latency"), and a stream's msg/s must stay the figure it was. A paced one-way message
     * is always timed: its stamp is its slot, and a paced rate has the time.
     */
    public static final int SAMPLED_EVERY = 64;
    private long inversions;
    private volatile long inversionsOfInterval;

    /** Made once per one-way trial, by its record ({@link TrialRecord}). */
    OneWayLatency() {
    }

    /** {@code count} messages whose one-way latency was {@code nanos}, as the peer's histogram holds them. */
    void add(long nanos, long count) {
        active().recordValueWithCount(clamp(nanos), count);
    }

    /** Messages the peer read before their stamp, since the interval began. */
    void addInversions(long count) {
        inversions += count;
    }

    @Override
    protected void intervalTaken() {
        inversionsOfInterval = inversions;
        inversions = 0;
    }

    /** Messages read before their stamp in the interval {@link #takeInterval} took last. */
    public long inversionsOfInterval() {
        return inversionsOfInterval;
    }
}
