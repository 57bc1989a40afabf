package io.ipcbench.peer;

import java.io.IOException;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import io.ipcbench.core.Message;
import io.ipcbench.core.Protocol;
import io.ipcbench.transport.Transport;

/**
 * The peer's side of one-way latency (docs/measurement.md, "One-way latency"): every data message
 * of a one-way trial is timed from its send stamp into a histogram made once, with no allocation
 * and one clock read per message ({@link #record}); the initiator's {@link Protocol#INTERVAL}
 * message is answered with what was recorded since the last one ({@link #reply}), then the
 * histogram starts afresh.
 *
 * <p>The answer is a run of longs — the number of recorded values n, the inversions, then n pairs
 * (value, count) in increasing value — carried in full-size messages over the channel the trial
 * measures, {@link #longsPerMessage} longs in each between the head and tail, which hold
 * {@code INTERVAL} as every control message's sequence numbers do. The pairs are the histogram's
 * buckets (each value is its bucket's highest), so the initiator rebuilds the same histogram
 * without decoding into a new one ({@link Exchange#collectOneWay}).
 */
final class OneWayReply {
    private final Histogram histogram = IntervalHistogram.newHistogram(System.currentTimeMillis());
    private long inversions;
    private int slot;

    /** Longs a reply message of {@code length} bytes carries: those between its head and tail, from {@link Message#STAMP_OFFSET}. */
    static int longsPerMessage(int length) {
        return (length - 2 * Long.BYTES) / Long.BYTES;
    }

    /** Where the {@code slot}-th long of a reply message is. */
    static int offset(int slot) {
        return Message.STAMP_OFFSET + slot * Long.BYTES;
    }

    /** A data message that was in at {@code received} and stamped {@code stamp} ({@link System#nanoTime()} scale). */
    void record(long received, long stamp) {
        long nanos = received - stamp;
        if (nanos < 0) {
            inversions++;
        }
        histogram.recordValue(IntervalHistogram.clamp(nanos));
    }

    /** Answers the initiator's INTERVAL with everything recorded since the last one, then starts afresh. */
    void reply(Transport transport, Message message, int length) throws IOException {
        long values = 0;
        for (HistogramIterationValue ignored : histogram.recordedValues()) {
            values++;
        }
        slot = 0;
        put(values, transport, message, length);
        put(inversions, transport, message, length);
        for (HistogramIterationValue value : histogram.recordedValues()) {
            put(value.getValueIteratedTo(), transport, message, length);
            put(value.getCountAtValueIteratedTo(), transport, message, length);
        }
        if (slot > 0) {
            send(transport, message, length);
        }
        histogram.reset();
        inversions = 0;
    }

    private void put(long value, Transport transport, Message message, int length) throws IOException {
        if (slot == longsPerMessage(length)) {
            send(transport, message, length);
        }
        message.buffer().putLong(offset(slot++), value);
    }

    private void send(Transport transport, Message message, int length) throws IOException {
        message.stamp(Protocol.INTERVAL, length);
        transport.send(message, length);
        slot = 0;
    }
}
