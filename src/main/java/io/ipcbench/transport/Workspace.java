package io.ipcbench.transport;

import io.ipcbench.hygiene.Ledger;
import io.ipcbench.hygiene.StaleObjects;
import io.ipcbench.hygiene.PrivateDir;
import io.ipcbench.nativeio.SysV;

/**
 * Where a trial creates things: its private 0700 directory, and the ledger entry in which every
 * kernel object is recorded before it is used, so a crash of both processes cannot leak it for good.
 */
public final class Workspace implements AutoCloseable {
    private final PrivateDir dir;
    private final Ledger.Entry ledger;
    private boolean keepNames;

    private Workspace(PrivateDir dir, Ledger.Entry ledger) {
        this.dir = dir;
        this.ledger = ledger;
    }

    public static Workspace create() {
        Ledger.Entry ledger = Ledger.open();
        try {
            PrivateDir dir = PrivateDir.create();
            ledger.record("dir", dir.path().toString(), dir.inode());
            return new Workspace(dir, ledger);
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    public PrivateDir dir() {
        return dir;
    }

    public java.nio.file.Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Records a System V object ("shm", "sem", "msg") with the change time that identifies it. */
    public void recordSysV(String kind, int id) {
        SysV.IpcStat stat = SysV.stat(kind, id);
        ledger.record(kind, Integer.toString(id), stat == null ? 0 : stat.changeTime());
    }

    /** Records a POSIX queue name, before the queue is created. */
    public void recordQueueName(String name) {
        ledger.record("mq", name, 0);
    }

    /** Records the peer process, so a stale trial's orphan can be recognised by its start time. */
    public void recordPeer(ProcessHandle peer) {
        ledger.record("peer", Long.toString(peer.pid()), Ledger.startMillis(peer));
    }

    /**
     * The mechanism opens or creates files in the directory while the trial runs (a queue's next
     * cycle, its metadata), so {@link #dropNames()} leaves it; {@link #close()} still deletes it.
     */
    public void keepNamesUntilClose() {
        keepNames = true;
    }

    /** Deletes the directory (its names are no longer needed once both sides hold the channel). */
    public void dropNames() {
        if (!keepNames) {
            dir.close();
        }
    }

    /**
     * Deletes the directory and forgets the entry, unless a System V object or POSIX queue it
     * records is still there (a transport that failed half-way through making or removing it):
     * then the entry stays, so that the next run or {@code scripts/ipc-clean} removes the object
     * once this process has ended, as for a crashed trial.
     */
    @Override
    public void close() {
        dir.close();
        if (StaleObjects.objectsLeft(ledger.file()).isEmpty()) {
            ledger.close();
        }
    }
}
