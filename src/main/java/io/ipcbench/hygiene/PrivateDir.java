package io.ipcbench.hygiene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A 0700 directory with an unpredictable name for a trial's FIFOs and sockets, so no other user can
 * reach them (docs/ARCHITECTURE.md, "Hygiene"). Deleted with its contents on close.
 */
public final class PrivateDir implements AutoCloseable {
    public static final String PREFIX = "ipc-bench-";
    private final Path path;

    private PrivateDir(Path path) {
        this.path = path;
    }

    public static PrivateDir create() {
        try {
            return new PrivateDir(Files.createTempDirectory(PREFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory in " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The directory's inode number: with its owner and mode, what tells it from a namesake made later. */
    public long inode() {
        try {
            return (Long) Files.getAttribute(path, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + path, e);
        }
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        delete(path);
    }

    /** Deletes a private directory and what is in it; nothing if it is gone already. */
    public static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
