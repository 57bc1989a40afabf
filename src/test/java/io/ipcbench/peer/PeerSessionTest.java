package io.ipcbench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.ipcbench.core.Message;
import io.ipcbench.core.PeerMode;
import io.ipcbench.core.TrialFailure;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.registry.TransportRegistry;

/**
 * A whole trial through the real peer: handshake, checked messages both ways, a stop that proves
 * the peer saw every message; and the faults: a peer that dies, one that goes silent, one that
 * never starts. A fault must end the trial with one clear error within 10 s, and leave nothing.
 */
@ExtendWith(NoLeftovers.class)
class PeerSessionTest {
    private static final Duration FAULT_BOUND = Duration.ofSeconds(10);

    static List<String> transports() {
        return TransportRegistry.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void roundTripsAreEchoedAndCounted(String transport) {
        for (String payload : List.of(Integer.toString(Message.MIN_LENGTH), "64", "65536", "1048577")) {
            try (PeerSession session = PeerSession.open(TrialSpec.parse(transport, payload, "unpinned", PeerMode.ECHO))) {
                for (int i = 0; i < 50; i++) {
                    session.exchange().roundTrip();
                }
                assertThat(session.exchange().sent()).isEqualTo(50);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void streamedMessagesAllArrive(String transport) {
        // the smallest message carries one long of the peer's one-way reply, 64 B six, 64 KiB all of it
        for (String payload : List.of(Integer.toString(Message.MIN_LENGTH), "64", "65536")) {
            try (PeerSession session = PeerSession.open(TrialSpec.parse(transport, payload, "cross-core", PeerMode.SINK))) {
                OneWayLatency oneWay = session.record().oneWay();
                for (int round = 1; round <= 2; round++) {
                    for (int i = 0; i < 2000; i++) {
                        session.exchange().send();
                    }
                    session.exchange().collectOneWay();
                    Histogram interval = oneWay.takeInterval();
                    // every sampled message of the round (sequence a multiple of 64) timed from its stamp, each round on its own
                    long first = (round - 1) * 2000L;
                    long sampled = java.util.stream.LongStream.range(first, first + 2000)
                            .filter(sequence -> sequence % OneWayLatency.SAMPLED_EVERY == 0).count();
                    assertThat(interval.getTotalCount()).as("%s %s B round %d: one-way latencies", transport, payload, round)
                            .isEqualTo(sampled);
                    assertThat(oneWay.inversionsOfInterval()).as("messages read before their stamp").isZero();
                    assertThat(interval.getMaxValue()).as("no one-way latency is longer than the test").isLessThan(60_000_000_000L);
                    oneWay.recycle(interval);
                }
            } // close() throws if the peer's count differs
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void killedPeerFailsARoundTripWithinTenSeconds(String transport) {
        assertKilledPeerFailsFast(transport, "4096", PeerMode.ECHO);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void killedPeerFailsAStreamWithinTenSeconds(String transport) {
        assertKilledPeerFailsFast(transport, "65536", PeerMode.SINK);
    }

    /** SIGKILL the peer mid-trial: the next operations fail within 10 s, saying what happened. */
    private static void assertKilledPeerFailsFast(String transport, String payload, PeerMode mode) {
        PeerSession session = PeerSession.open(TrialSpec.parse(transport, payload, "unpinned", mode));
        Runnable operation = mode == PeerMode.ECHO ? () -> session.exchange().roundTrip() : () -> session.exchange().send();
        try {
            operation.run();
            ProcessHandle.of(session.peerPid()).ifPresent(ProcessHandle::destroyForcibly);
            TrialFailure failure = assertTimeoutPreemptively(FAULT_BOUND, () -> runUntilFailure(operation));
            assertThat(failure.getMessage()).contains(transport).contains("killed by signal 9");
        } finally {
            session.close();
        }
    }

    @Test
    void silentPeerIsKilledAndReported() throws Exception {
        PeerSession session = PeerSession.open(TrialSpec.parse("uds", "64", "unpinned", PeerMode.ECHO));
        try {
            session.exchange().roundTrip();
            new ProcessBuilder("kill", "-STOP", Long.toString(session.peerPid())).start().waitFor();
            TrialFailure failure = assertTimeoutPreemptively(FAULT_BOUND, () -> runUntilFailure(session));
            assertThat(failure.getMessage()).contains("uds").contains("stopped answering");
        } finally {
            session.close();
        }
    }

    @Test
    void peerThatCannotStartFailsTheTrial() {
        System.setProperty(PeerProcess.EXTRA_FLAGS_PROPERTY, "-XX:+NoSuchFlagForIpcBench");
        try {
            assertTimeoutPreemptively(FAULT_BOUND, () -> assertThatThrownBy(
                    () -> PeerSession.open(TrialSpec.parse("pipe", "64", "unpinned", PeerMode.ECHO)))
                    .isInstanceOf(TrialFailure.class)
                    .hasMessageContaining("pipe")
                    .hasMessageContaining("exited with code 1"));
        } finally {
            System.clearProperty(PeerProcess.EXTRA_FLAGS_PROPERTY);
        }
    }

    private static TrialFailure runUntilFailure(PeerSession session) {
        return runUntilFailure(() -> session.exchange().roundTrip());
    }

    /** Repeats {@code operation} until the trial fails, and returns the failure. */
    static TrialFailure runUntilFailure(Runnable operation) {
        while (true) {
            try {
                operation.run();
            } catch (TrialFailure failure) {
                return failure;
            }
        }
    }
}
