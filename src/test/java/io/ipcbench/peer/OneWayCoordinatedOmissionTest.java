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
 * {@code CoordinatedOmissionTest} for one-way messages (issue 28): a paced one-way run of the real
 * path ({@link Schedule}, {@link Exchange#sendFrom}, the peer's timing from the stamp) at 1000
 * messages/s over a pipe sized to one page (64 messages of 64 B), whose receiver is stopped once
 * for a known time S (SIGSTOP/SIGCONT from the test). The pipe fills 64 ms into the stall and
 * stalls the sender, which then sends each later message when it can, late for its slot. Every
 * message due during the stall arrives when the receiver resumes, about S − k × gap after its slot
 * for the k-th, so about (S − x) ÷ gap messages take x or longer: timed from the slots, the peer's
 * histogram must show that ramp. The sender's own view shows the stall too: one send waits for
 * room most of S. Timed from the actual sends instead, the messages the sender held back would
 * look fast: the ramp would stop at the 64 the pipe held.
 */
@ExtendWith(NoLeftovers.class)
class OneWayCoordinatedOmissionTest {
    private static final int RATE = 1000;
    private static final long GAP_NANOS = TimeUnit.SECONDS.toNanos(1) / RATE;
    private static final int MESSAGES = 1200;
    private static final long STALL_AFTER_MILLIS = 400;
    private static final long STALL_MILLIS = 200;

    @Test
    void everyMessageDueDuringAStallCountsItsWaitAndTheSenderStalls() throws Exception {
        long longestSend = 0;
        Histogram fromSlots;
        long stallNanos;
        try (PeerSession session = PeerSession.open(TrialSpec.parse("pipe", "64", "unpinned", PeerMode.SINK, "default", "4096"))) {
            Exchange exchange = session.exchange();
            Schedule schedule = new Schedule(OfferedRate.parse(Integer.toString(RATE)));
            OneWayLatency latency = session.record().oneWay();
            latency.recycle(latency.takeInterval());
            PeerStall stall = new PeerStall(session.peerPid(), STALL_AFTER_MILLIS, STALL_MILLIS);
            schedule.restart();
            stall.start();
            for (int i = 0; i < MESSAGES; i++) {
                long due = schedule.awaitNextSlot();
                long start = System.nanoTime();
                exchange.sendFrom(due);
                longestSend = Math.max(longestSend, System.nanoTime() - start);
            }
            stallNanos = stall.join();
            exchange.collectOneWay();
            fromSlots = latency.takeInterval();
        }
        assertThat(stallNanos).as("the stall").isBetween(TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS),
                TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS + 100));
        assertThat(fromSlots.getTotalCount()).isEqualTo(MESSAGES);
        assertThat(longestSend).as("the full pipe stalls the sender for the rest of the stall")
                .isGreaterThan(stallNanos / 2);
        assertThat(fromSlots.getMaxValue()).as("the first message due in the stall waits all of it")
                .isGreaterThan(stallNanos * 9 / 10);
        for (double share : new double[] {0.25, 0.5, 0.75}) {
            long x = (long) (stallNanos * share);
            double predicted = (double) (stallNanos - x) / GAP_NANOS;
            assertThat((double) PeerStall.above(fromSlots, x)).as("timed from the slots: messages of %.1f ms or more (predicted %.0f)", x / 1e6,
                    predicted).isBetween(predicted * 0.85 - 3, predicted * 1.15 + 3);
        }
        assertThat(fromSlots.getValueAtPercentile(99)).as("p99 is deep in the ramp").isGreaterThan(stallNanos / 2);
    }
}
