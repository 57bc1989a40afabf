package io.ipcbench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.core.OfferedRate;
import io.ipcbench.core.PeerMode;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.testing.NoLeftovers;

/**
 * Issue 13, item 5: timing each message from its slot in the schedule corrects coordinated
 * omission. A paced run of the real measurement path ({@link Schedule} and
 * {@link Exchange#roundTripFrom}) at 1000 messages/s, whose peer is stopped once for a known time
 * S (SIGSTOP, then SIGCONT from another thread: the stall is the test's, nothing in the peer's code
 * knows of it). Every message due during the stall waits for it: the k-th is answered about
 * S − k × (gap − rtt) after its slot, a linear ramp down from S, so about (S − x) ÷ (gap − rtt)
 * messages take x or longer. The histogram the benchmark records (from the slots) must show that
 * ramp; the same run timed from each actual send — the closed loop's view — has one slow message.
 */
@ExtendWith(NoLeftovers.class)
class CoordinatedOmissionTest {
    private static final int RATE = 1000;
    private static final long GAP_NANOS = TimeUnit.SECONDS.toNanos(1) / RATE;
    private static final int MESSAGES = 1200;
    private static final long STALL_AFTER_MILLIS = 400;
    private static final long STALL_MILLIS = 200;

    @Test
    void everyMessageDueDuringAStallCountsItsWait() throws Exception {
        Histogram closedLoop = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Histogram fromSlots;
        long stallNanos;
        try (PeerSession session = PeerSession.open(TrialSpec.parse("pipe", "64", "unpinned", PeerMode.ECHO))) {
            Exchange exchange = session.exchange();
            Schedule schedule = new Schedule(OfferedRate.parse(Integer.toString(RATE)));
            RoundTripLatency latency = session.record().roundTrips();
            latency.recycle(latency.takeInterval());
            PeerStall stall = new PeerStall(session.peerPid(), STALL_AFTER_MILLIS, STALL_MILLIS);
            schedule.restart();
            stall.start();
            for (int i = 0; i < MESSAGES; i++) {
                long due = schedule.awaitNextSlot();
                long sent = System.nanoTime();
                long end = exchange.roundTripFrom(due);
                closedLoop.recordValue(end - sent);
            }
            stallNanos = stall.join();
            fromSlots = latency.takeInterval();
        }
        double rtt = closedLoop.getValueAtPercentile(50);
        assertThat(stallNanos).as("the stall").isBetween(TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS),
                TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS + 100));
        assertThat(fromSlots.getTotalCount()).isEqualTo(MESSAGES);
        assertThat(fromSlots.getMaxValue()).as("the first message due in the stall waits all of it")
                .isGreaterThan(stallNanos * 9 / 10);

        for (double share : new double[] {0.25, 0.5, 0.75}) {
            long x = (long) (stallNanos * share);
            double predicted = (stallNanos - x) / (GAP_NANOS - rtt);
            long fromSlotsAbove = PeerStall.above(fromSlots, x);
            assertThat((double) fromSlotsAbove).as("timed from the slots: messages of %.1f ms or more (predicted %.0f)", x / 1e6, predicted)
                    .isBetween(predicted * 0.85 - 3, predicted * 1.15 + 3);
            assertThat(PeerStall.above(closedLoop, x)).as("timed from the sends: messages of %.1f ms or more", x / 1e6).isEqualTo(1);
        }
        assertThat(closedLoop.getValueAtPercentile(99)).as("the closed loop's p99 never sees the stall")
                .isLessThan(stallNanos / 10);
        assertThat(fromSlots.getValueAtPercentile(99)).as("the slots' p99 is deep in the ramp").isGreaterThan(stallNanos / 2);
    }
}
