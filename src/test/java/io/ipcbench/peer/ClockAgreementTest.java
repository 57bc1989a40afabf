package io.ipcbench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.core.ClockSource;
import io.ipcbench.core.PeerMode;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.testing.NoLeftovers;

/**
 * Issue 28, item 3: two processes' {@link System#nanoTime()} agree on this machine. A million
 * messages streamed between two real processes on two CPUs over busy-spinning shared memory (the
 * shortest one-way trip the suite has, so the smallest clock disagreement would show): the peer
 * reads its clock when each message is in and compares it with the sender's stamp, taken just
 * before the send. If the two processes' clocks disagreed by more than a one-way trip, some reads
 * would precede their stamps; none may. Run only where the run itself would time one way (a clock
 * source every CPU shares, {@link ClockSource}).
 */
@ExtendWith(NoLeftovers.class)
class ClockAgreementTest {
    private static final int MESSAGES = 1_000_000;

    @Test
    void theReceiversReadNeverPrecedesTheSendersStamp() {
        assumeTrue(Sys.onlineCpus() >= 2, "cross-core needs two CPUs");
        assumeTrue(ClockSource.refusal() == null, ClockSource.refusal());
        Histogram oneWay;
        long inversions;
        try (PeerSession session = PeerSession.open(TrialSpec.parse("shm-spin", "64", "cross-core", PeerMode.SINK))) {
            OneWayLatency latency = session.record().oneWay();
            latency.recycle(latency.takeInterval());
            for (int i = 0; i < MESSAGES; i++) {
                session.exchange().sendFrom(System.nanoTime()); // stamped and timed, every one (send() samples one in 64)
            }
            session.exchange().collectOneWay();
            oneWay = latency.takeInterval();
            inversions = latency.inversionsOfInterval();
        }
        System.out.printf("clock check (%s): %d messages, %d read before their stamp, one-way min %d ns, p50 %d ns, max %d ns%n",
                ClockSource.current(), oneWay.getTotalCount(), inversions, oneWay.getMinValue(), oneWay.getValueAtPercentile(50),
                oneWay.getMaxValue());
        assertThat(oneWay.getTotalCount()).as("every message timed").isEqualTo(MESSAGES);
        assertThat(inversions).as("messages the receiver read before the sender's stamp").isZero();
    }
}
