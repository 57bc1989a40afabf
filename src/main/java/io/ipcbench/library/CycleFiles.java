package io.ipcbench.library;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import net.openhft.chronicle.queue.impl.StoreFileListener;

/**
 * Watches one process's use of a {@code chronicle-queue} direction's cycle files: every file it
 * opens is made 0600 (Chronicle creates them with the umask), and on the reading side a cycle the
 * reader has left for a later one is deleted, which bounds the queue's disk use ({@link CycleClock}).
 * A cycle is deleted only once a later one is open, never the one still being read.
 */
final class CycleFiles implements StoreFileListener {
    private final boolean reader;
    private int latest = Integer.MIN_VALUE;
    private File finished;
    private int finishedCycle;

    CycleFiles(boolean reader) {
        this.reader = reader;
    }

    @Override
    public void onAcquired(int cycle, File file) {
        try {
            Files.setPosixFilePermissions(file.toPath(), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("chronicle-queue: cannot restrict " + file, e);
        }
        latest = Math.max(latest, cycle);
        if (finished != null && finishedCycle < latest) {
            deleteFinished();
        }
    }

    @Override
    public void onReleased(int cycle, File file) {
        if (!reader) {
            return;
        }
        finished = file;
        finishedCycle = cycle;
        if (cycle < latest) {
            deleteFinished();
        }
    }

    private void deleteFinished() {
        finished.delete(); // the writer may still map it: the space is freed when both unmap
        finished = null;
    }
}
