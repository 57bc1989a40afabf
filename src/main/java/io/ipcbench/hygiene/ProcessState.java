package io.ipcbench.hygiene;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Whether a process still runs, as /proc tells it. */
public final class ProcessState {
    /** Listings in which a thread vanished before "exited" gives up and answers "still running". */
    private static final int MAX_UNSETTLED_LOOKS = 50;

    private ProcessState() {
    }

    /**
     * True once {@code pid} is gone, or a zombie all of whose threads have exited: then it has
     * released its memory and detached its segments, and only waits to be reaped (an orphan waits
     * for init, which in some sandboxes takes seconds), though {@link ProcessHandle#isAlive()}
     * counts it alive until then. The main thread alone turning zombie is not enough: the JVM's
     * other threads may still be running down.
     *
     * <p>Only proof answers "exited", because callers remove a process's kernel objects on that
     * answer: the task directory is gone, or one whole listing of it shows nothing but zombies. A
     * listing is a snapshot, and a thread in it may end (and start a successor the snapshot missed)
     * before its state is read; so a listing in which any thread vanished proves nothing and is
     * taken again. Anything /proc cannot tell answers "still running".
     */
    /**
     * True while the process {@code pid} that started at {@code startMillis} ({@link Ledger#startMillis})
     * still runs: a pid the kernel gave to another process since has another start time.
     */
    public static boolean runs(long pid, long startMillis) {
        return ProcessHandle.of(pid)
                .filter(p -> !hasExited(pid))
                .filter(p -> Ledger.startMillis(p) == startMillis)
                .isPresent();
    }

    public static boolean hasExited(long pid) {
        Path taskDir = Path.of("/proc", Long.toString(pid), "task");
        for (int look = 0; look < MAX_UNSETTLED_LOOKS; look++) {
            Listing listing = look(taskDir);
            if (listing != Listing.UNSETTLED) {
                return listing == Listing.EXITED;
            }
        }
        return false;
    }

    private enum Listing { EXITED, RUNNING, UNSETTLED }

    private static Listing look(Path taskDir) {
        boolean vanished = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(taskDir)) {
            for (Path task : tasks) {
                switch (state(task)) {
                    case 'Z', 'X' -> { }
                    case 0 -> vanished = true;
                    default -> {
                        return Listing.RUNNING;
                    }
                }
            }
        } catch (NoSuchFileException gone) {
            return Listing.EXITED;
        } catch (IOException | DirectoryIteratorException | SecurityException unknown) {
            return Files.exists(taskDir) ? Listing.RUNNING : Listing.EXITED;
        }
        return vanished ? Listing.UNSETTLED : Listing.EXITED;
    }

    /** The state letter of a thread from its stat line, 0 if the thread is gone, '?' if unreadable. */
    private static char state(Path task) {
        String stat;
        try {
            stat = Files.readString(task.resolve("stat"));
        } catch (NoSuchFileException threadEnded) {
            return 0;
        } catch (IOException e) {
            // a thread reaped between open and read gives ESRCH ("No such process")
            return Files.exists(task) ? '?' : 0;
        }
        int afterName = stat.lastIndexOf(')') + 2;
        if (afterName < 2 || afterName >= stat.length()) {
            return Files.exists(task) ? '?' : 0; // an empty read: the thread was reaped as we read it
        }
        return stat.charAt(afterName);
    }
}
