package io.ipcbench.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.core.PeerMode;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.peer.PeerSession;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.registry.TransportRegistry;

/**
 * Guarantee 5: many consecutive short trials across all transports leave no object and no process
 * behind, and this JVM's open file descriptors do not grow. CI runs {@value #DEFAULT_TRIALS}
 * trials; the full soak is {@code mvn test -Dtest=SoakTest -Dipcbench.soak.trials=200}.
 */
@ExtendWith(NoLeftovers.class)
class SoakTest {
    static final int DEFAULT_TRIALS = 36;

    @Test
    void setUpsAndTearDownsLeakNothing() {
        int trials = Integer.getInteger("ipcbench.soak.trials", DEFAULT_TRIALS);
        List<String> transports = TransportRegistry.names();
        runTrial(transports.get(0), 0); // first use loads classes and opens jars: not a leak
        Set<String> objectsBefore = NoLeftovers.objects();
        int fdsBefore = openFds();
        for (int i = 0; i < trials; i++) {
            runTrial(transports.get(i % transports.size()), i);
        }
        int fdsAfter = openFds();
        System.out.printf("soak: %d trials, open fds %d before and %d after%n", trials, fdsBefore, fdsAfter);
        assertThat(fdsAfter).as("open file descriptors after %d trials", trials).isLessThanOrEqualTo(fdsBefore);
        assertThat(NoLeftovers.objects()).isEqualTo(objectsBefore);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
    }

    private static void runTrial(String transport, int i) {
        PeerMode mode = i % 2 == 0 ? PeerMode.ECHO : PeerMode.SINK;
        // each transport in turn blocks, spins and backs off where it can (a cycle of 3 against one of 2 modes)
        String wait = List.of("default", "spin", "backoff:5").get(i / TransportRegistry.names().size() % 3);
        TrialSpec spec;
        try {
            spec = TrialSpec.parse(transport, "1024", "unpinned", mode, wait);
        } catch (IllegalArgumentException refused) {
            spec = TrialSpec.parse(transport, "1024", "unpinned", mode);
        }
        try (PeerSession session = PeerSession.open(spec)) {
            for (int n = 0; n < 20; n++) {
                if (mode == PeerMode.ECHO) {
                    session.exchange().roundTrip();
                } else {
                    session.exchange().send();
                }
            }
        }
    }

    private static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
