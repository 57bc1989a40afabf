package io.ipcbench.hygiene;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a process still runs, as /proc tells it. */
public final class ProcessState {
    private ProcessState() {
    }

    /**
     * True once {@code pid} is gone, or a zombie all of whose threads have exited: then it has
     * released its memory and detached its segments, and only waits to be reaped (an orphan waits
     * for init, which in some sandboxes takes seconds), though {@link ProcessHandle#isAlive()}
     * counts it alive until then. The main thread alone turning zombie is not enough: the JVM's
     * other threads may still be running down.
     */
    public static boolean hasExited(long pid) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat = Files.readString(task.resolve("stat"));
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                if (state != 'Z' && state != 'X') {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }
}
