package io.ipcbench.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.ipcbench.nativeio.SysV;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.testing.Processes;
import io.ipcbench.registry.TransportRegistry;

/**
 * Guarantees 2 and 3 of "nothing leaks": when the JMH fork is SIGKILLed its peer exits within 2 s
 * and removes what would outlive it; when both die at once, the ledger lets the next run remove the
 * remains — and never an object another program owns.
 */
@ExtendWith(NoLeftovers.class)
class KilledProcessesTest {
    private static final long PEER_EXIT_BOUND_MILLIS = 2_000;

    static List<String> transports() {
        return TransportRegistry.names();
    }

    /**
     * Each test keeps its own ledger, so what another test (or an earlier, interrupted run) left in
     * the shared one can neither fail this test nor be reclaimed by it.
     */
    @TempDir
    Path ledger;

    private List<String> ledgerFlag() {
        return List.of("-D" + Ledger.DIRECTORY_PROPERTY + "=" + ledger);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void peerOutlivesAKilledForkByLessThanTwoSecondsAndCleansUp(String transport) throws Exception {
        Set<String> before = NoLeftovers.objects();
        for (String mode : List.of("echo", "sink")) {
            Process initiator = Processes.startJvm(StandInInitiator.class, ledgerFlag(), transport, mode);
            long peer = Long.parseLong(Processes.awaitLine(initiator, "READY ").orElseThrow().substring(6).trim());
            Thread.sleep(50 + (long) (Math.random() * 200)); // a random moment mid-traffic
            Processes.killNow(initiator.pid());
            long millis = Processes.millisUntilGone(peer, 5_000);
            assertThat(millis).as("%s %s: ms for the peer to exit after its initiator was killed", transport, mode)
                    .isBetween(0L, PEER_EXIT_BOUND_MILLIS);
            initiator.waitFor();
        }
        assertThat(StaleObjects.reclaim(ledger)).as("nothing for the ledger to remove: the peer cleaned up").isEmpty();
        assertThat(NoLeftovers.objects()).isEqualTo(before);
    }

    /**
     * A wake-up signal left pending when a trial ends must not kill the JVM when its thread ends
     * (it did, with exit code 168 = 128 + SIGRTMIN+6, after same-core shm-signal streams).
     */
    @org.junit.jupiter.api.Test
    void aPendingWakeUpDoesNotKillTheJvm() throws Exception {
        Process initiator = Processes.startJvm(StandInInitiator.class, ledgerFlag(), "shm-signal", "pending-wake-up");
        assertThat(initiator.waitFor()).as("exit code of a JVM whose ended thread had a wake-up pending").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void objectsOfARunKilledWholeAreReclaimedAndOnlyThose(String transport) throws Exception {
        Set<String> before = NoLeftovers.objects();
        int foreignQueue = SysV.msgCreate(); // "another program's" queue: same user, not in the ledger
        try {
            for (String mode : List.of("prepare", "echo")) {
                Process initiator = Processes.startJvm(StandInInitiator.class, ledgerFlag(), transport, mode);
                long peer = Long.parseLong(Processes.awaitLine(initiator, "READY ").orElseThrow().substring(6).trim());
                Processes.killNow(peer == 0 ? new long[] {initiator.pid()} : new long[] {initiator.pid(), peer});
                initiator.waitFor();
                Processes.millisUntilGone(peer, 2_000);
            }
            List<String> removed = StaleObjects.reclaim(ledger);
            Set<String> after = NoLeftovers.objects();
            after.remove("sysv msg " + foreignQueue);
            assertThat(after).as("%s: left after ipc-clean (removed: %s)", transport, removed).isEqualTo(before);
            assertThat(SysV.stat("msg", foreignQueue)).as("the foreign queue survives").isNotNull();
            assertThat(new TreeSet<>(List.of(ledger.toFile().list()))).as("ledger entries").isEmpty();
        } finally {
            SysV.msgRemove(foreignQueue);
        }
    }
}
