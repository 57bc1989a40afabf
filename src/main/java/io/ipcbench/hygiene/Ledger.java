package io.ipcbench.hygiene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A small per-user record of the kernel objects and files each running trial created, written
 * before the object is used, so that objects which outlive both processes (System V semaphores and
 * message queues survive their creators; so do POSIX queue names) can be found and removed later by
 * the next run or by {@code scripts/ipc-clean} — and only those: nothing another program owns is
 * ever touched (see {@link StaleObjects}).
 *
 * <p>One file per trial, {@code <initiator pid>-<random>.trial}, lines of the form
 * {@code <kind> <id> [<creation stamp>]}. It lives in {@code $XDG_RUNTIME_DIR/ipc-bench/ledger}
 * (cleared at logout, like the objects' owner's session) or else {@code ~/.cache/ipc-bench/ledger}.
 * One setting moves it, for every entry point alike: the environment variable
 * {@value #DIRECTORY_VARIABLE} (which Maven, the scripts, the JMH forks and the peers all inherit),
 * or the system property {@value #DIRECTORY_PROPERTY}, which wins where both are set.
 */
public final class Ledger {
    public static final String DIRECTORY_PROPERTY = "ipcbench.ledger.dir";
    public static final String DIRECTORY_VARIABLE = "IPCBENCH_LEDGER_DIR";
    static final String SUFFIX = ".trial";

    private Ledger() {
    }

    public static Path directory() {
        for (String configured : new String[] {System.getProperty(DIRECTORY_PROPERTY), System.getenv(DIRECTORY_VARIABLE)}) {
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured);
            }
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime)) && Files.isWritable(Path.of(runtime))) {
            return Path.of(runtime, "ipc-bench", "ledger");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "ipc-bench", "ledger");
    }

    /**
     * Makes sure the ledger folder exists and takes new entries, so that a run can be refused
     * before it starts rather than failing at its first trial.
     *
     * @throws UncheckedIOException with a message that names the folder and the setting that moves it
     */
    public static void checkWritable() {
        Path dir = directory();
        try {
            createDirectory(dir);
            Path probe = Files.createTempFile(dir, "probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new UncheckedIOException(cannotWrite(dir, e), e);
        }
    }

    private static void createDirectory(Path dir) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static String cannotWrite(Path dir, IOException e) {
        String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        return "cannot write the ledger of created objects in " + dir + " (" + why + "); set " + DIRECTORY_VARIABLE
                + "=DIR in the environment to use another folder";
    }

    /** Starts this process's record of one trial. */
    public static Entry open() {
        Path dir = directory();
        try {
            createDirectory(dir);
            byte[] random = new byte[6];
            new SecureRandom().nextBytes(random);
            ProcessHandle self = ProcessHandle.current();
            Path file = dir.resolve(self.pid() + "-" + HexFormat.of().formatHex(random) + SUFFIX);
            // written whole under another name, then renamed: a reader never sees an entry without its owner
            Path draft = dir.resolve(file.getFileName() + ".draft");
            Files.writeString(draft, "initiator " + self.pid() + " " + startMillis(self) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(draft, file);
            }
            return new Entry(file);
        } catch (IOException e) {
            throw new UncheckedIOException(cannotWrite(dir, e), e);
        }
    }

    /** The start time that, with the pid, identifies a process for good. */
    public static long startMillis(ProcessHandle process) {
        Optional<java.time.Instant> start = process.info().startInstant();
        return start.map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /** The trial entries in the ledger in {@code dir} now. */
    static List<Path> entries(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            files.forEach(entries::add);
        }
        return entries;
    }

    /** One trial's record. Every line is on disk before the call that wrote it returns. */
    public static final class Entry implements AutoCloseable {
        private final Path file;

        private Entry(Path file) {
            this.file = file;
        }

        public Path file() {
            return file;
        }

        /** Records an object: {@code kind} is one of shm, sem, msg, mq, dir, peer. */
        public synchronized void record(String kind, String id, long stamp) {
            try {
                Files.writeString(file, kind + " " + id + " " + stamp + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record " + kind + " " + id + " in " + file, e);
            }
        }

        /** The trial removed everything it recorded: forget it. */
        @Override
        public synchronized void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
    }
}
