package io.ipcbench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ipcbench.core.PeerMode;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.testing.NoLeftovers;

/**
 * The {@code pipe} transport's two pipes belong to the trial alone: nothing the peer's JVM prints
 * enters them, and once the handshake is done each end is held by the one process that uses it, so
 * that either side's death is the other's end of file or EPIPE.
 */
@ExtendWith(NoLeftovers.class)
class PipeIsolationTest {

    /**
     * What the peer JVM prints on its standard output (a flag dump, -Xlog:…:stdout, a JVM warning)
     * must not enter the data: round trips and a stream still pass their checks. The second case
     * prints more than a pipe buffer (64 KiB) before the peer's main runs, so the peer's stdout must
     * be read, too, or the peer never starts.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Xlog:gc*:stdout", "-XX:+PrintFlagsFinal -Xlog:gc*:stdout"})
    void nothingThePeerJvmPrintsEntersThePipe(String peerFlags) {
        System.setProperty(PeerProcess.EXTRA_FLAGS_PROPERTY, peerFlags);
        try {
            try (PeerSession session = PeerSession.open(TrialSpec.parse("pipe", "64", "unpinned", PeerMode.ECHO))) {
                for (int i = 0; i < 50; i++) {
                    session.exchange().roundTrip();
                }
            }
            try (PeerSession session = PeerSession.open(TrialSpec.parse("pipe", "65536", "unpinned", PeerMode.SINK))) {
                for (int i = 0; i < 2000; i++) {
                    session.exchange().send();
                }
            } // close() throws if the peer's count differs
        } finally {
            System.clearProperty(PeerProcess.EXTRA_FLAGS_PROPERTY);
        }
    }

    @Test
    void eachEndHasOneHolderAfterTheHandshakeAndNoneAfterTheTrial() throws IOException {
        List<String> dataPipes = new ArrayList<>();
        try (PeerSession session = PeerSession.open(TrialSpec.parse("pipe", "64", "unpinned", PeerMode.ECHO))) {
            session.exchange().roundTrip();
            Map<Integer, String> peer = descriptors(session.peerPid());
            assertThat(peer.get(0)).as("the peer's stdin").isEqualTo("/dev/null");
            assertThat(peer.get(1)).as("the peer's stdout and stderr are one drained pipe").isEqualTo(peer.get(2));
            peer.forEach((fd, target) -> {
                if (fd > 2 && target.startsWith("pipe:")) {
                    dataPipes.add(target);
                }
            });
            assertThat(dataPipes).as("the peer's data pipes").hasSize(2).doesNotHaveDuplicates();
            Map<Integer, String> initiator = descriptors(ProcessHandle.current().pid());
            for (String pipe : dataPipes) {
                assertThat(initiator.values().stream().filter(pipe::equals)).as("the initiator's descriptors of %s", pipe).hasSize(1);
            }
        }
        assertThat(descriptors(ProcessHandle.current().pid()).values()).as("after the trial").doesNotContainAnyElementsOf(dataPipes);
    }

    /** A process's open descriptors and what each refers to, e.g. 5 → "pipe:[123456]". */
    private static Map<Integer, String> descriptors(long pid) throws IOException {
        Map<Integer, String> descriptors = new TreeMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    descriptors.put(Integer.parseInt(fd.getFileName().toString()), Files.readSymbolicLink(fd).toString());
                } catch (IOException closedMeanwhile) {
                    // e.g. the descriptor of the directory listing itself
                }
            }
        }
        return descriptors;
    }
}
