package io.ipcbench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.ipcbench.core.PeerMode;
import io.ipcbench.core.Placement;
import io.ipcbench.core.TrialFailure;
import io.ipcbench.core.WaitMode;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.testing.NoLeftovers;

/**
 * The wait axis (-p wait=) through whole trials with the real peer: every transport that can poll
 * its calls moves checked messages both ways while both sides spin, and while they back off (1 µs,
 * so most waits reach their sleep); a peer killed or stopped mid-trial ends it within 10 s with one
 * clear line, as under block; every transport runs each wait or refuses it in one line that says why.
 */
@ExtendWith(NoLeftovers.class)
class WaitAxisTest {
    private static final Duration FAULT_BOUND = Duration.ofSeconds(10);
    private static final WaitMode SHORT_BACKOFF = WaitMode.backoffMicros(1);

    /** Every transport with spin and with backoff where it accepts them. */
    static List<Arguments> polled() {
        List<Arguments> cases = new ArrayList<>();
        for (String transport : TransportRegistry.names()) {
            for (WaitMode wait : List.of(WaitMode.SPIN, SHORT_BACKOFF)) {
                if (accepts(transport, wait) && !wait.equals(TransportRegistry.kind(transport).waitMode())) {
                    cases.add(Arguments.of(transport, wait.label()));
                }
            }
        }
        return cases;
    }

    private static boolean accepts(String transport, WaitMode wait) {
        try {
            TransportRegistry.kind(transport).waiting(wait);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0} wait={1}")
    @MethodSource("polled")
    void roundTripsAndStreamsArriveWhilePolling(String transport, String wait) {
        for (String payload : List.of("64", "1048577")) { // one message, and chunks through a full ring or buffer
            try (PeerSession session = PeerSession.open(TrialSpec.parse(transport, payload, "unpinned", PeerMode.ECHO, wait))) {
                for (int i = 0; i < 50; i++) {
                    session.exchange().roundTrip();
                }
                assertThat(session.exchange().sent()).isEqualTo(50);
            }
        }
        for (String payload : List.of("65536")) {
            try (PeerSession session = PeerSession.open(TrialSpec.parse(transport, payload, "cross-core", PeerMode.SINK, wait))) {
                for (int i = 0; i < 2000; i++) {
                    session.exchange().send();
                }
            } // close() throws if the peer's count differs
        }
    }

    @ParameterizedTest(name = "{0} wait={1}")
    @MethodSource("polled")
    void aKilledPeerEndsAPolledTrialWithinTenSeconds(String transport, String wait) {
        PeerSession session = PeerSession.open(TrialSpec.parse(transport, "65536", "unpinned", PeerMode.SINK, wait));
        Runnable operation = () -> session.exchange().send();
        try {
            operation.run();
            ProcessHandle.of(session.peerPid()).ifPresent(ProcessHandle::destroyForcibly);
            TrialFailure failure = assertTimeoutPreemptively(FAULT_BOUND, () -> PeerSessionTest.runUntilFailure(operation));
            assertThat(failure.getMessage()).contains(transport).contains("wait=" + wait).contains("killed by signal 9");
        } finally {
            session.close();
        }
    }

    /** A stopped peer is not dead: nothing ends a polled call by itself, the watchdog must. */
    @Test
    void aStoppedPeerEndsASpinningTrialWithinTenSeconds() throws Exception {
        for (String transport : List.of("pipe", "shm-sem", "shm-futex", "sysv-mq")) {
            PeerSession session = PeerSession.open(TrialSpec.parse(transport, "64", "unpinned", PeerMode.ECHO, "spin"));
            try {
                session.exchange().roundTrip();
                new ProcessBuilder("kill", "-STOP", Long.toString(session.peerPid())).start().waitFor();
                TrialFailure failure = assertTimeoutPreemptively(FAULT_BOUND, () -> PeerSessionTest.runUntilFailure(() -> session.exchange().roundTrip()));
                assertThat(failure.getMessage()).as(transport).contains(transport).contains("stopped answering");
            } finally {
                session.close();
            }
        }
    }

    /** Which ways of waiting each transport refuses, and that each refusal is one line saying why. */
    @Test
    void everyTransportRunsEachWaitOrSaysWhyNotInOneLine() {
        List<String> refused = new ArrayList<>();
        for (String transport : TransportRegistry.names()) {
            for (WaitMode wait : List.of(WaitMode.BLOCK, WaitMode.SPIN, WaitMode.BACKOFF)) {
                try {
                    new TrialSpec(transport, 64, Placement.CROSS_CORE, PeerMode.ECHO, wait);
                } catch (IllegalArgumentException e) {
                    refused.add(transport + " " + wait.label());
                    assertThat(e.getMessage()).startsWith(transport + " cannot run wait=" + wait.label() + ": ")
                            .doesNotContain("\n").hasSizeGreaterThan((transport + " cannot run wait=" + wait.label() + ": ").length() + 20);
                }
            }
        }
        assertThat(refused).containsExactlyInAnyOrder("shm-spin block", "shm-spin backoff", "uds-jdk spin", "uds-jdk backoff",
                "tcp-jdk spin", "tcp-jdk backoff", "aeron-ipc block", "aeron-ipc backoff", "chronicle-queue block",
                "chronicle-queue backoff", "agrona-ring block", "agrona-ring backoff");
    }

    @Test
    void twoSpinnersNeverShareACpu() {
        assertThatThrownBy(() -> TrialSpec.parse("pipe", "64", "same-core", PeerMode.ECHO, "spin"))
                .hasMessage("pipe cannot run wait=spin same-core: each side spins on a whole CPU, so sharing one would only"
                        + " measure the scheduler; use cross-core or unpinned, or wait=backoff");
        assertThat(TrialSpec.parse("pipe", "64", "same-core", PeerMode.ECHO, "backoff").waitMode()).isEqualTo(WaitMode.BACKOFF);
    }

    @Test
    void theDefaultIsEachTransportsOwnWay() {
        assertThat(TrialSpec.parse("pipe", "64", "cross-core", PeerMode.ECHO, WaitMode.BY_DESIGN).waitMode()).isEqualTo(WaitMode.BLOCK);
        assertThat(TrialSpec.parse("shm-spin", "64", "cross-core", PeerMode.ECHO, WaitMode.BY_DESIGN).waitMode()).isEqualTo(WaitMode.SPIN);
        assertThat(TrialSpec.parse("agrona-ring", "64", "cross-core", PeerMode.ECHO, WaitMode.BY_DESIGN).waitMode()).isEqualTo(WaitMode.SPIN);
        assertThatThrownBy(() -> TrialSpec.parse("pipe", "64", "cross-core", PeerMode.ECHO, "nap"))
                .hasMessageStartingWith("unknown wait 'nap'; valid: ");
    }

    /** A row is known without its wait when it waited by design, so results from before the wait axis compare with today's. */
    @Test
    void aRowThatWaitedByDesignIsKnownWithoutItsWait() {
        assertThat(TransportRegistry.rowIdentity(Map.of("transport", "pipe", "payload", "64", "wait", "default")))
                .isEqualTo(Map.of("transport", "pipe", "payload", "64"));
        assertThat(TransportRegistry.rowIdentity(Map.of("transport", "pipe", "wait", "block"))).isEqualTo(Map.of("transport", "pipe"));
        assertThat(TransportRegistry.rowIdentity(Map.of("transport", "shm-spin", "wait", "spin"))).isEqualTo(Map.of("transport", "shm-spin"));
        assertThat(TransportRegistry.rowIdentity(Map.of("transport", "pipe", "wait", "spin")))
                .isEqualTo(Map.of("transport", "pipe", "wait", "spin"));
        assertThat(TransportRegistry.rowIdentity(Map.of("transport", "pipe", "wait", "backoff:50")))
                .as("one spelling per wait").isEqualTo(Map.of("transport", "pipe", "wait", "backoff"));
        assertThat(TransportRegistry.rowIdentity(Map.of("transport", "pipe"))).as("a row from before the axis")
                .isEqualTo(Map.of("transport", "pipe"));
    }
}
