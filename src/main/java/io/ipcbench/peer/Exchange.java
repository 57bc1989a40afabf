package io.ipcbench.peer;

import io.ipcbench.core.Message;
import io.ipcbench.core.Protocol;
import io.ipcbench.core.TrialFailure;
import io.ipcbench.transport.Transport;

/**
 * The measurement loop, written once for every transport: stamp the sequence number, send, (receive
 * the echo,) check. The benchmarks call {@link #roundTrip()}, {@link #roundTripFrom} (paced),
 * {@link #send()} or {@link #sendFrom} (paced) once per operation, and {@link #collectOneWay} after
 * each iteration of a one-way trial;
 * everything else (peer, watchdog, clean-up) belongs to {@link PeerSession}.
 *
 * <p>Separate send and receive buffers, so that a receive that wrote nothing cannot pass the check:
 * the receive buffer still holds the previous sequence number.
 *
 * <p>Nothing here allocates per operation (checked with {@code -prof gc} by {@code MeasuredRunTest}):
 * the text that names a failed check is built once, and each round trip's time goes into a
 * preallocated HdrHistogram ({@link RoundTripLatency}, made with the trial's {@link TrialRecord}); a one-way message carries its send stamp,
 * from which the peer times it ({@link OneWayLatency}).
 */
public final class Exchange {
    private final Transport transport;
    private final Watchdog watchdog;
    private final PeerSession session;
    private final int length;
    private final Message outgoing;
    private final Message incoming;
    private final String echoName;
    private final RoundTripLatency latency;
    /** Where the peer's one-way latencies go; null in a round-trip trial. */
    private final OneWayLatency oneWay;
    private final String replyName;
    /** What the end of the trial is called in an error, made once: the stop runs inside JMH's last measured iteration. */
    private final String stopName;
    /** The next long to read from the peer's one-way reply in {@link #incoming} ({@link OneWayReply}). */
    private int replySlot;
    private long next;
    private static final long NOW = Long.MIN_VALUE;

    Exchange(Transport transport, Watchdog watchdog, PeerSession session, int length, TrialRecord record) {
        this.transport = transport;
        this.watchdog = watchdog;
        this.session = session;
        this.length = length;
        this.outgoing = transport.message(length);
        this.incoming = transport.message(length);
        outgoing.fillRandom(length);
        this.echoName = session.describe() + " echo";
        this.latency = record.roundTrips();
        this.oneWay = record.oneWay();
        this.replyName = session.describe() + " one-way latencies";
        this.stopName = "end of trial (" + session.mode().name().toLowerCase() + ")";
    }

    /**
     * One full-size message out and its full-size echo back: one RTT. Its time is taken while the
     * message is in flight ({@link RoundTripLatency#sent}), off the round trip's own path.
     */
    public void roundTrip() {
        long sequence = next++;
        sendAndReceive(sequence, latency, null);
        incoming.verify(sequence, length, echoName);
    }

    /**
     * One round trip of a schedule ({@link Schedule}): timed from {@code intendedStart}, when it was
     * due, not from when it left, so its latency includes any wait behind a late predecessor.
     *
     * @return when the echo was checked in ({@link System#nanoTime()}; 0 when recording is off)
     */
    public long roundTripFrom(long intendedStart) {
        long sequence = next++;
        sendAndReceive(sequence, null, null);
        long end = 0;
        if (latency != null) {
            end = System.nanoTime();
            latency.record(end - intendedStart);
        }
        incoming.verify(sequence, length, echoName);
        return end;
    }

    /**
     * Sends {@code code} (a sequence number or a control code) and receives the answer, telling
     * {@code inFlight} (if any) when the message left; a failure names {@code what}, or the message.
     */
    private void sendAndReceive(long code, RoundTripLatency inFlight, String what) {
        outgoing.stamp(code, length);
        watchdog.begin();
        try {
            transport.send(outgoing, length);
            if (inFlight != null) {
                inFlight.sent(System.nanoTime());
            }
            transport.receive(incoming, length);
        } catch (Exception e) {
            throw session.failure(what != null ? what : "message " + code, e);
        } finally {
            watchdog.end();
        }
    }

    /**
     * One full-size message out; the peer checks it. One in {@link OneWayLatency#SAMPLED_EVERY} is
     * stamped with when it left, and the peer times it from the stamp. Flow control is the channel's own.
     */
    public void send() {
        sendStamped(NOW);
    }

    /**
     * One one-way message of a schedule ({@link Schedule}), stamped with {@code intendedStart}, when
     * it was due, so the peer times it from there and its latency includes any wait behind a late
     * predecessor or a full channel.
     */
    public void sendFrom(long intendedStart) {
        sendStamped(intendedStart);
    }

    private void sendStamped(long stamp) {
        long sequence = next++;
        outgoing.stamp(sequence, length);
        watchdog.begin();
        try {
            // at full speed one message in SAMPLED_EVERY is timed; stamp 0 tells the peer to skip the rest
            outgoing.stampSent(stamp != NOW ? stamp : (sequence & (OneWayLatency.SAMPLED_EVERY - 1)) == 0 ? System.nanoTime() : 0);
            transport.send(outgoing, length);
        } catch (Exception e) {
            throw session.failure("message " + sequence, e);
        } finally {
            watchdog.end();
        }
    }

    /**
     * Between iterations of a one-way trial: asks the peer for the one-way latencies it recorded
     * since the last call and adds them to {@link OneWayLatency}, where the latency profiler takes
     * them. The request follows the iteration's last message through the channel, so every message
     * sent is in. Allocation-free; nothing in a round-trip trial, or once the trial failed.
     */
    public void collectOneWay() {
        if (oneWay == null || session.hasFailed()) {
            return;
        }
        sendAndReceive(Protocol.INTERVAL, null, replyName);
        checkReply();
        replySlot = 0;
        long values = replyLong();
        oneWay.addInversions(replyLong());
        for (long i = 0; i < values; i++) {
            long nanos = replyLong();
            oneWay.add(nanos, replyLong());
        }
    }

    /** The next long of the peer's reply, receiving its next message when this one is read. */
    private long replyLong() {
        if (replySlot == OneWayReply.longsPerMessage(length)) {
            watchdog.begin();
            try {
                transport.receive(incoming, length);
            } catch (Exception e) {
                throw session.failure(replyName, e);
            } finally {
                watchdog.end();
            }
            checkReply();
            replySlot = 0;
        }
        return incoming.buffer().getLong(OneWayReply.offset(replySlot++));
    }

    private void checkReply() {
        incoming.verify(Protocol.INTERVAL, length, replyName);
    }

    /** Data messages sent so far in this trial. */
    public long sent() {
        return next;
    }

    /** The readiness handshake: the peer echoes HELLO in every mode. */
    void hello() {
        control(Protocol.HELLO, Protocol.HELLO, "handshake");
    }

    /** Ends the trial: the peer answers STOP with the number of data messages it received. */
    void stop() {
        control(Protocol.STOP, next, stopName);
    }

    private void control(long code, long expectedAnswer, String what) {
        sendAndReceive(code, null, what);
        if (incoming.head() != expectedAnswer || incoming.tail(length) != expectedAnswer) {
            throw new TrialFailure(session.describe() + ": " + what + ": expected " + expectedAnswer
                    + ", the peer answered " + incoming.head() + "/" + incoming.tail(length)
                    + (code == Protocol.STOP ? " (messages lost or duplicated)" : ""));
        }
    }
}
