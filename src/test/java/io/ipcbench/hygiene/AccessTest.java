package io.ipcbench.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ipcbench.nativeio.Sys;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.transport.Workspace;

/**
 * Guarantee 4: another user (nobody, through setpriv) gets EACCES on every live object of a trial:
 * segment, semaphore set, message queues, FIFOs, socket, pipes. The intruder is a Python ctypes
 * script (Python's standard library only), since the JVM's jars are not readable by nobody.
 */
@ExtendWith(NoLeftovers.class)
class AccessTest {
    private static final String NOBODY = "65534";
    private static Path intruder;

    @BeforeAll
    static void intruderScript() throws IOException {
        assumeTrue(Sys.getuid() == 0, "switching to another uid needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/python3")),
                "needs setpriv and /usr/bin/python3");
        intruder = Files.createTempFile("intruder-", ".py");
        try (InputStream script = AccessTest.class.getResourceAsStream("/intruder.py")) {
            Files.write(intruder, script.readAllBytes());
        }
        intruder.toFile().setReadable(true, false);
    }

    @org.junit.jupiter.api.AfterAll
    static void removeIntruderScript() throws IOException {
        if (intruder != null) {
            Files.deleteIfExists(intruder);
        }
    }

    /** Runs the intruder as nobody; returns what it printed: "EACCES", another errno name, or "OK". */
    private static String intrude(String kind, String target) throws Exception {
        Process process = new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "/usr/bin/python3", intruder.toString(), kind, target).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return output;
    }

    private static String attemptOn(String transport, java.util.function.Function<String, List<String[]>> targets) throws Exception {
        StringBuilder results = new StringBuilder();
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind(transport).prepare(workspace, 64)) {
            for (String[] target : targets.apply(rendezvous.address())) {
                results.append(target[0]).append('=').append(intrude(target[0], target[1])).append(' ');
            }
            rendezvous.abort();
        }
        return results.toString().trim();
    }

    @Test
    void sharedMemoryAndSemaphoresRefuseOtherUsers() throws Exception {
        assertThat(attemptOn("shm-sem", address -> List.of(new String[] {"shm", address.split("/")[0]},
                new String[] {"sem", address.split("/")[1]}))).isEqualTo("shm=EACCES sem=EACCES");
    }

    @Test
    void messageQueuesRefuseOtherUsers() throws Exception {
        assertThat(attemptOn("sysv-mq", address -> List.<String[]>of(new String[] {"msg", address}))).isEqualTo("msg=EACCES");
        assertThat(attemptOn("posix-mq", address -> List.<String[]>of(new String[] {"mq", address + "-to-peer"},
                new String[] {"mq", address + "-to-initiator"}))).isEqualTo("mq=EACCES mq=EACCES");
    }

    @Test
    void fifosAndSocketsRefuseOtherUsers() throws Exception {
        assertThat(attemptOn("fifo", dir -> List.<String[]>of(new String[] {"file", dir + "/to-peer"},
                new String[] {"file", dir + "/from-peer"}))).isEqualTo("file=EACCES file=EACCES");
        assertThat(attemptOn("uds", path -> List.<String[]>of(new String[] {"socket", path}))).isEqualTo("socket=EACCES");
    }

    /** The pipes are reachable only through the initiator's /proc/<pid>/fd, which only its user may open. */
    @Test
    void pipesRefuseOtherUsers() throws Exception {
        assertThat(attemptOn("pipe", address -> {
            String[] pidAndFds = address.split(":");
            String fds = "/proc/" + pidAndFds[0] + "/fd/";
            return List.of(new String[] {"file", fds + pidAndFds[1]}, new String[] {"file", fds + pidAndFds[2]});
        })).isEqualTo("file=EACCES file=EACCES");
    }
}
