package io.ipcbench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ipcbench.registry.TrialSpec;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.registry.TransportRegistry;

/**
 * The watchdog's silence limit follows the work: small payloads keep the 8 s limit, and up to
 * 16 MiB a stuck peer still fails a trial within 10 s; the largest payload gets the time its
 * bytes and chunks honestly take, with room to spare, but still a bound.
 */
class SilenceLimitTest {
    private static final int MAX = (int) TrialSpec.MAX_PAYLOAD;

    @Test
    void smallPayloadsKeepTheBaseLimit() {
        for (String transport : TransportRegistry.names()) {
            TransportKind kind = TransportRegistry.kind(transport);
            assertThat(SilenceLimit.millis(kind, 64)).as(transport).isEqualTo(SilenceLimit.BASE_MILLIS);
            assertThat(SilenceLimit.millis(kind, 16 << 20)).as(transport + " at 16 MiB (the README)").isLessThanOrEqualTo(9_200);
        }
    }

    @Test
    void theLimitGrowsWithThePayload() {
        for (String transport : TransportRegistry.names()) {
            TransportKind kind = TransportRegistry.kind(transport);
            long previous = 0;
            for (int payload = 1 << 20; payload > 0 && payload <= MAX; payload <<= 2) {
                long limit = SilenceLimit.millis(kind, payload);
                assertThat(limit).as(transport + " at " + payload).isGreaterThan(previous);
                previous = limit;
            }
        }
    }

    @Test
    void aGibibyteGetsFarMoreThanItTakesYetIsStillBounded() {
        // the slowest 256 MiB round trip measured on the 2-vCPU guest (fifo) took 0.86 s: 3.5 s at 1 GiB
        for (String transport : TransportRegistry.names()) {
            long limit = SilenceLimit.millis(TransportRegistry.kind(transport), MAX);
            assertThat(limit).as(transport).isGreaterThan(SilenceLimit.BASE_MILLIS + 5 * 3_500).isLessThan(120_000);
        }
    }

    @Test
    void manyChunksGetMoreTimeThanOne() {
        // sysv-mq moves 1 GiB in 8 KiB messages, each of which may wake the other side
        assertThat(SilenceLimit.millis(TransportRegistry.kind("sysv-mq"), MAX))
                .isGreaterThan(SilenceLimit.millis(TransportRegistry.kind("pipe"), MAX));
    }
}
