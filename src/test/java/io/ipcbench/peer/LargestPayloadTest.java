package io.ipcbench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.ipcbench.core.PeerMode;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.registry.TransportRegistry;

/**
 * The README's payload range holds for every transport: a trial at the largest payload, 1 GiB,
 * shakes hands, echoes round trips and streams, and the peer counts every message. It takes 5 to
 * 35 s per transport (about 2 minutes on the 2-vCPU guest) and 3 GiB of memory (two buffers here,
 * one in the peer), so it is tagged "slow": {@code mvn test -Dtest=LargestPayloadTest -DexcludedGroups=}.
 */
@Tag("slow")
@ExtendWith(NoLeftovers.class)
class LargestPayloadTest {
    static List<String> transports() {
        return TransportRegistry.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aGibibyteTravelsBothWays(String transport) {
        String payload = Long.toString(TrialSpec.MAX_PAYLOAD);
        try (PeerSession session = PeerSession.open(TrialSpec.parse(transport, payload, "cross-core", PeerMode.ECHO))) {
            for (int i = 0; i < 3; i++) {
                session.exchange().roundTrip();
            }
            assertThat(session.exchange().sent()).isEqualTo(3);
        }
        try (PeerSession session = PeerSession.open(TrialSpec.parse(transport, payload, "cross-core", PeerMode.SINK))) {
            for (int i = 0; i < 3; i++) {
                session.exchange().send();
            }
        } // close() throws if the peer's count differs
    }
}
