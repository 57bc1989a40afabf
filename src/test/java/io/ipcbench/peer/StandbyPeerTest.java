package io.ipcbench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.core.PeerMode;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.testing.NoLeftovers;

/**
 * The peer a JMH fork starts ahead of its trial (PeerProcess.prestart): the next trial runs with it,
 * told its arguments on standard input; one that no trial claims exits when its input ends, as it
 * does when the fork that started it dies; a trial that needs its peer started with an environment
 * (tcp's token) starts its own, and the standby is not left running.
 */
@ExtendWith(NoLeftovers.class)
class StandbyPeerTest {

    @Test
    void theNextTrialRunsWithThePeerStartedAheadOfIt() throws Exception {
        PeerProcess.prestart();
        long standby = PeerProcess.standbyPid();
        assertThat(standby).as("a standby peer was started").isPositive();
        try (PeerSession session = PeerSession.open(TrialSpec.parse("pipe", "64", "unpinned", PeerMode.ECHO))) {
            assertThat(session.peerPid()).as("the trial's peer is the standby").isEqualTo(standby);
            session.exchange().roundTrip();
        }
        assertThat(ProcessHandle.of(standby)).as("the standby peer ended with its trial").isEmpty();
        assertThat(PeerProcess.standbyPid()).as("claimed once").isEqualTo(-1);
    }

    @Test
    void aStandbyPeerThatNoTrialClaimsExitsWhenItsInputEnds() throws Exception {
        PeerProcess.prestart();
        PeerProcess standby = PeerProcess.takeStandby();
        assertThat(standby).isNotNull();
        standby.endInput();
        assertThat(standby.awaitExit(10_000)).as("exited at the end of its input").isTrue();
        assertThat(standby.exitDescription()).as("quietly").isEqualTo("peer (pid " + standby.pid() + ") exited with code 0");
    }

    @Test
    void aTrialThatHandsItsPeerAnEnvironmentStartsItsOwnAndEndsTheStandby() throws Exception {
        PeerProcess.prestart();
        long standby = PeerProcess.standbyPid();
        assertThat(standby).isPositive();
        try (PeerSession session = PeerSession.open(TrialSpec.parse("tcp", "64", "unpinned", PeerMode.ECHO))) {
            assertThat(session.peerPid()).as("tcp's peer is started with its token").isNotEqualTo(standby);
            session.exchange().roundTrip();
        }
        assertThat(ProcessHandle.of(standby)).as("the unused standby is not left running").isEmpty();
    }
}
