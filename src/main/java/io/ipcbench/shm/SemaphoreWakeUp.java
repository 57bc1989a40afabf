package io.ipcbench.shm;

import java.io.IOException;

import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.NativeException;
import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.nativeio.SysV;
import io.ipcbench.transport.IdleStrategy;
import io.ipcbench.transport.Liveness;

/**
 * {@code shm-sem}: the tutorial's announced-but-never-written method (b). One System V semaphore
 * set (0600) per pair: for each ring a "full" semaphore (messages published, starts at 0) and an
 * "empty" one (free slots, starts at the slot count); the writer waits on empty and posts full, the
 * reader waits on full and posts empty, with semtimedop so no wait is unbounded.
 *
 * <p>SEM_UNDO is used where it is sound: each side raises its own "alive" semaphore with SEM_UNDO
 * when it attaches, so the kernel lowers it again when that process dies, however it dies, and a
 * waiter that times out can tell a dead peer from a slow one. The full/empty operations do not use
 * SEM_UNDO: one side only posts and the other only waits, so each process's undo value would grow
 * by one per message and semop fails with ERANGE past 32767 (SEMAEM); undoing them at exit would
 * also corrupt the counts for nobody's benefit.
 *
 * <p>The semaphores are the ring's counts here, so {@code wait=spin} and {@code backoff} poll them:
 * the wait's semop is first made with IPC_NOWAIT ({@link IdleStrategy}); under backoff, once the
 * spin phase is over, the timed semop as under block. Every message still costs both sides a semop.
 */
final class SemaphoreWakeUp implements WakeUp {
    private static final int FULL = 0;
    private static final int EMPTY = 1;
    private static final int INITIATOR_ALIVE = 4;
    private static final int PEER_ALIVE = 5;
    private static final int COUNT = 6;
    private static final int SEMBUF_SIZE = 6;

    private final int semid;
    private final boolean owner;
    private final int otherAlive;
    private final NativeMemory operation = new NativeMemory(SEMBUF_SIZE);
    private final NativeMemory slice = AnnouncedWakeUp.sliceTimespec();
    private boolean otherSeenAlive;
    private final Liveness liveness = new Liveness("shm-sem");
    /** null when the side blocks (wait=block). */
    private final IdleStrategy idle;

    private SemaphoreWakeUp(int semid, boolean initiator, WaitMode wait) {
        this.semid = semid;
        this.idle = IdleStrategy.forWait(wait, liveness);
        this.owner = initiator;
        this.otherAlive = initiator ? PEER_ALIVE : INITIATOR_ALIVE;
        operate(initiator ? INITIATOR_ALIVE : PEER_ALIVE, +1, SysV.SEM_UNDO);
    }

    /** Initiator: a new set sized for {@code slots}-slot rings. */
    static SemaphoreWakeUp create(int slots, WaitMode wait) {
        int semid = SysV.semCreate(COUNT);
        try {
            for (int ring = 0; ring < 2; ring++) {
                SysV.semSet(semid, index(ring, EMPTY), slots);
            }
            return new SemaphoreWakeUp(semid, true, wait);
        } catch (RuntimeException e) {
            SysV.semRemove(semid);
            throw e;
        }
    }

    static SemaphoreWakeUp attach(String address, WaitMode wait) {
        return new SemaphoreWakeUp(Integer.parseInt(address), false, wait);
    }

    int semid() {
        return semid;
    }

    @Override
    public String address() {
        return Integer.toString(semid);
    }

    private static int index(int ring, int which) {
        return ring * 2 + which;
    }

    private static int ringOf(Ring ring) {
        return ring.ringIndex();
    }

    @Override
    public void awaitData(Ring ring) throws IOException {
        await(index(ringOf(ring), FULL));
    }

    @Override
    public void published(Ring ring) {
        operate(index(ringOf(ring), FULL), +1, 0);
    }

    @Override
    public void awaitSpace(Ring ring) throws IOException {
        await(index(ringOf(ring), EMPTY));
    }

    @Override
    public void consumed(Ring ring) {
        operate(index(ringOf(ring), EMPTY), +1, 0);
    }

    private void await(int index) throws IOException {
        if (idle != null && poll(index)) {
            return;
        }
        operation.putShort(0, (short) index);
        operation.putShort(2, (short) -1);
        operation.putShort(4, (short) 0);
        while (true) {
            boolean done;
            try {
                done = SysV.semTimedOp(semid, operation.address(), slice.address());
            } catch (NativeException e) {
                if (SysV.isGone(e)) {
                    throw new IOException("shm-sem: the semaphore set was removed: the other side is gone", e);
                }
                throw e;
            }
            if (done) {
                return;
            }
            if (liveness.isGone() || otherDied()) {
                throw new IOException("shm-sem: the other side is gone");
            }
        }
    }

    /** The polling phase of spin and backoff: true once the semop went through, false when it is time to sleep. */
    private boolean poll(int index) throws IOException {
        operation.putShort(0, (short) index);
        operation.putShort(2, (short) -1);
        operation.putShort(4, (short) SysV.IPC_NOWAIT);
        try {
            while (!SysV.semOpNow(semid, operation.address())) {
                if (idle.shouldSleep()) {
                    return false;
                }
            }
            return true;
        } catch (NativeException e) {
            if (SysV.isGone(e)) {
                throw new IOException("shm-sem: the semaphore set was removed: the other side is gone", e);
            }
            throw e;
        } finally {
            idle.reset();
        }
    }

    /** True once the other side's alive semaphore, seen raised, has been lowered by the kernel. */
    private boolean otherDied() {
        int alive = SysV.semGet(semid, otherAlive);
        if (alive > 0) {
            otherSeenAlive = true;
        }
        return otherSeenAlive && alive == 0;
    }

    private void operate(int index, int delta, int flags) {
        operation.putShort(0, (short) index);
        operation.putShort(2, (short) delta);
        operation.putShort(4, (short) flags);
        SysV.semTimedOp(semid, operation.address(), 0);
    }

    /** Removing the set wakes every waiter on both sides with EIDRM. */
    @Override
    public void peerGone() {
        liveness.markGone();
        SysV.semRemove(semid);
    }

    @Override
    public void close() {
        if (owner) {
            SysV.semRemove(semid);
        }
    }
}
