package io.ipcbench.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.PeerMode;
import io.ipcbench.core.WaitMode;
import io.ipcbench.peer.PeerSession;
import io.ipcbench.registry.TrialSpec;

import io.ipcbench.nativeio.Sys;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.transport.Workspace;

/**
 * Guarantee 4: another user (nobody, through setpriv) gets EACCES on every live object of a trial:
 * segment, semaphore set, message queues, FIFOs, sockets, pipes, the library transports' files. The intruder is a Python ctypes
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

    /**
     * What the intruder got on each target, the same for every way the transport can be set up:
     * blocking with its own buffers, spinning (non-blocking descriptors), and with buffers of 16 KiB
     * (a System V queue's IPC_SET rewrites its permissions too); where the set-ups differ, each says what it got.
     */
    private static String attemptOn(String transport, java.util.function.Function<String, List<String[]>> targets) throws Exception {
        java.util.Map<String, String> bySetUp = new java.util.LinkedHashMap<>();
        TransportKind registered = TransportRegistry.kind(transport);
        for (String setUp : List.of("default", "wait=spin", "capacity=16384")) {
            TransportKind kind;
            try {
                kind = setUp.startsWith("wait=") ? registered.waiting(WaitMode.parse(setUp.substring(5)))
                        : setUp.startsWith("capacity=") ? registered.holding(Capacity.parse(setUp.substring(9))) : registered;
                kind.checkPayload(64);
            } catch (IllegalArgumentException refused) {
                continue; // a set-up this mechanism does not take
            }
            StringBuilder results = new StringBuilder();
            try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = kind.prepare(workspace, 64)) {
                for (String[] target : targets.apply(rendezvous.address())) {
                    results.append(target[0]).append('=').append(intrude(target[0], target[1])).append(' ');
                }
                rendezvous.abort();
            }
            bySetUp.put(setUp, results.toString().trim());
        }
        return bySetUp.values().stream().distinct().count() == 1 ? bySetUp.values().iterator().next() : bySetUp.toString();
    }

    @Test
    void sharedMemoryAndSemaphoresRefuseOtherUsers() throws Exception {
        assertThat(attemptOn("shm-sem", address -> List.of(new String[] {"shm", address.split("/")[0]},
                new String[] {"sem", address.split("/")[1]}))).isEqualTo("shm=EACCES sem=EACCES");
    }

    /** The futex words are in the segment; the eventfds reach the peer only through a socket in the private directory. */
    @Test
    void sharedMemoryWakeUpsRefuseOtherUsers() throws Exception {
        assertThat(attemptOn("shm-futex", address -> List.<String[]>of(new String[] {"shm", address}))).isEqualTo("shm=EACCES");
        assertThat(attemptOn("shm-eventfd", address -> List.of(new String[] {"shm", address.split("/", 2)[0]},
                new String[] {"socket", address.split("/", 2)[1]}))).isEqualTo("shm=EACCES socket=EACCES");
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
        assertThat(attemptOn("uds-jdk", path -> List.<String[]>of(new String[] {"socket", path}))).isEqualTo("socket=EACCES");
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

    /**
     * Aeron's driver directory, the mapped rings and the queues are made by libraries with the umask:
     * each file must still be 0600 and each directory 0700, and closed to another user.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aeron-ipc", "chronicle-queue", "agrona-ring"})
    void libraryFilesAreTheOwnersOnly(String transport) throws Exception {
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = TransportRegistry.kind(transport).prepare(workspace, 64)) {
            Path dir = workspace.dir().path();
            assertThat(notOwnersOnly(dir)).as("%s: files and directories not 0600/0700", transport).isEmpty();
            Path file = files(dir).get(0);
            assertThat(intrude("file", file.toString())).as("%s: %s as another user", transport, file).isEqualTo("EACCES");
            rendezvous.abort();
        }
    }

    /** A queue's cycle files appear with the first message, in both processes: they are 0600 too. */
    @Test
    void chronicleCycleFilesAreTheOwnersOnly() throws Exception {
        Set<Path> before = trialDirs();
        try (PeerSession session = PeerSession.open(TrialSpec.parse("chronicle-queue", "64", "unpinned", PeerMode.ECHO))) {
            session.exchange().roundTrip();
            Set<Path> dirs = trialDirs();
            dirs.removeAll(before);
            assertThat(dirs).as("the trial's directory").hasSize(1);
            Path dir = dirs.iterator().next();
            assertThat(files(dir).stream().map(Path::toString)).as("cycle files").anyMatch(name -> name.endsWith(".cq4"));
            assertThat(notOwnersOnly(dir)).as("files and directories not 0600/0700").isEmpty();
        }
    }

    private static Set<Path> trialDirs() throws IOException {
        try (Stream<Path> list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.filter(p -> p.getFileName().toString().startsWith(PrivateDir.PREFIX)).collect(Collectors.toSet());
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static List<String> notOwnersOnly(Path dir) throws IOException {
        List<String> loose = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                if (!mode.equals(Files.isDirectory(path) ? "rwx------" : "rw-------")) {
                    loose.add(path + " " + mode);
                }
            }
        }
        return loose;
    }
}
