package io.ipcbench.hygiene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A 0700 directory with an unpredictable name for a trial's FIFOs and sockets, so no other user can
 * reach them (docs/hygiene-and-native.md, "Hygiene"). Deleted with its contents on close.
 */
public final class PrivateDir implements AutoCloseable {
    public static final String PREFIX = "ipc-bench-";
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private final Path path;

    private PrivateDir(Path path) {
        this.path = path;
    }

    public static PrivateDir create() {
        try {
            return new PrivateDir(Files.createTempDirectory(PREFIX, PosixFilePermissions.asFileAttribute(OWNER_DIR)));
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
            return (Long) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
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

    /**
     * Makes every file under {@code path} 0600 and every directory 0700: libraries create theirs with
     * the process's umask (0644, 0755), which the private directory's 0700 already shuts off, but a
     * file of a trial is 0600 wherever it is ("Hygiene"). Files that vanish meanwhile, or the whole
     * tree, are skipped.
     */
    public static void restrict(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            walk.forEach(p -> {
                try {
                    Files.setPosixFilePermissions(p, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? OWNER_DIR : OWNER_FILE);
                } catch (NoSuchFileException gone) {
                    // removed by its library between the listing and here
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot restrict " + p, e);
                }
            });
        } catch (NoSuchFileException gone) {
            // nothing left to restrict
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    /** Deletes a directory and what is in it (a private directory, an unfinished run folder); nothing if it is gone already. */
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
