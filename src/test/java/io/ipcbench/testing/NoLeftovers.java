package io.ipcbench.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.ipcbench.hygiene.Ledger;
import io.ipcbench.hygiene.PrivateDir;

/**
 * Fails a test class that leaves anything behind: a child process (a peer) still running, a
 * private trial directory (FIFOs, socket files) in the temp folder, a System V segment, semaphore
 * set or message queue, a POSIX message queue (visible where /dev/mqueue is mounted), or in this
 * JVM an open or mapped memfd of a ring, or an io_uring descriptor. Compares
 * with what existed before the class ran, so unrelated objects on the machine do not count.
 */
public final class NoLeftovers implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeftovers.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("objects", objects());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) throws InterruptedException {
        Set<String> before = context.getStore(NS).get("objects", Set.class);
        // a peer told to stop, or killed, is reaped within moments
        for (int i = 0; i < 50 && !children().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(children()).as("peer processes still running after " + context.getDisplayName()).isEmpty();
        Set<String> after = objects();
        after.removeAll(before);
        assertThat(after).as("objects left behind by " + context.getDisplayName()).isEmpty();
    }

    private static List<String> children() {
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .collect(Collectors.toList());
    }

    /** Everything of the kinds a trial creates, one string each, e.g. "sysv sem 32768". */
    public static Set<String> objects() {
        Set<String> objects = new TreeSet<>();
        String[] dirs = new File(System.getProperty("java.io.tmpdir")).list((dir, name) -> name.startsWith(PrivateDir.PREFIX));
        for (String dir : dirs == null ? new String[0] : dirs) {
            objects.add("dir " + dir);
        }
        for (String kind : List.of("shm", "sem", "msg")) {
            objects.addAll(sysvIds(kind));
        }
        String[] ledger = Ledger.directory().toFile().list();
        for (String entry : ledger == null ? new String[0] : ledger) {
            objects.add("ledger " + entry);
        }
        String[] queues = new File("/dev/mqueue").list();
        for (String queue : queues == null ? new String[0] : queues) {
            objects.add("mqueue " + queue);
        }
        objects.addAll(ringDescriptorsAndMappings());
        return objects;
    }

    /** This JVM's descriptors of ring memfds and io_urings, and its mappings of ring memfds (a survivor holding a dead trial's memory). */
    private static Set<String> ringDescriptorsAndMappings() {
        Set<String> held = new TreeSet<>();
        String[] fds = new File("/proc/self/fd").list();
        for (String fd : fds == null ? new String[0] : fds) {
            try {
                String target = Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).toString();
                if (target.startsWith("/memfd:ipc-bench") || target.equals("anon_inode:[io_uring]")) {
                    held.add("fd " + fd + " " + target);
                }
            } catch (IOException gone) {
                // closed meanwhile (the directory's own descriptor among them)
            }
        }
        try {
            Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.contains("/memfd:ipc-bench") || line.contains("anon_inode:[io_uring]"))
                    .forEach(line -> held.add("mapping " + line.trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return held;
    }

    /** Ids from /proc/sysvipc/{shm,sem,msg}: second column, after a header line. */
    private static Set<String> sysvIds(String kind) {
        try {
            return Files.readAllLines(Path.of("/proc/sysvipc", kind)).stream().skip(1)
                    .map(String::trim).filter(line -> !line.isEmpty())
                    .map(line -> "sysv " + kind + " " + line.split("\\s+")[1])
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
