package io.ipcbench.shm;

import java.io.IOException;

import io.ipcbench.nativeio.DescriptorPassing;
import io.ipcbench.nativeio.IoUring;
import io.ipcbench.nativeio.Pidfd;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.Liveness;

/**
 * {@code io-uring}: each side sleeps in io_uring_enter (GETEVENTS, one completion, a slice's
 * timeout) on its own ring, and the other side wakes it by posting a completion into that ring
 * from its own (IORING_OP_MSG_RING), only when it has announced it may sleep
 * ({@link AnnouncedWakeUp}). The sleeper consumes the completions that came when it reads its
 * ticket, after announcing and before its last look at the ring: a post that comes after that look
 * stays in the ring and makes the sleep return at once, so none is lost; one that came after the
 * sleeper stopped waiting costs the next wait one spurious loop.
 *
 * <p>Each side needs its own ring and the other's descriptor (MSG_RING names its target by
 * descriptor). The kernel refuses io_uring descriptors in SCM_RIGHTS (sendmsg: EINVAL, measured on
 * 6.18), so they cannot travel as the memfd does: the peer makes both rings, answers on the
 * descriptor socket with their numbers and the initiator's ring's layout, and the initiator takes
 * copies from it with pidfd_getfd ({@link Pidfd}: a parent taking from its child, which Yama's
 * common ptrace_scope 1 allows), then maps its ring.
 */
final class IoUringWakeUp extends AnnouncedWakeUp {
    private static final int ENTRIES = 4;
    private static final long WAKE = 2;
    private static final int ANSWER_MILLIS = 10_000;

    /** This side's ring: null in the initiator until the peer's answer came. */
    private volatile IoUring own;
    /** The ring this side posts to: the other side's (-1 until known). */
    private volatile int other = -1;
    /** Peer only: the initiator's ring, made here, kept mapped as the initiator maps it. */
    private final IoUring made;

    private IoUringWakeUp(IoUring own, int other, IoUring made) {
        super("io-uring");
        this.own = own;
        this.other = other;
        this.made = made;
    }

    /** Initiator: no rings yet; {@link #takeFromPeer} fetches them once the peer made them. */
    static IoUringWakeUp awaitingPeer() {
        return new IoUringWakeUp(null, -1, null);
    }

    /** Peer: makes both rings and tells the initiator, over {@code connection}, where to take its own from. */
    static IoUringWakeUp attach(int connection, String what) {
        IoUring peer = IoUring.create(ENTRIES, "io-uring ring of the peer");
        IoUring initiator;
        try {
            initiator = IoUring.create(ENTRIES, "io-uring ring of the initiator");
        } catch (RuntimeException e) {
            peer.close();
            throw e;
        }
        IoUringWakeUp wakeUp = new IoUringWakeUp(peer, initiator.fd(), initiator);
        try {
            DescriptorPassing.sendLine(connection, initiator.fd() + " " + peer.fd() + " " + initiator.layout(), what);
            return wakeUp;
        } catch (RuntimeException e) {
            wakeUp.close();
            throw e;
        }
    }

    /** Initiator: reads the peer's answer on {@code connection} and takes its ring and the peer's from process {@code pid}. */
    synchronized void takeFromPeer(int connection, long pid, String what) throws IOException {
        String[] answer = DescriptorPassing.receiveLine(connection, ANSWER_MILLIS, what).split(" ");
        if (answer.length != 3) {
            throw new IOException(what + ": the peer's answer is not '<fd> <fd> <layout>'");
        }
        int[] fds = Pidfd.take(pid, new int[] {Integer.parseInt(answer[0]), Integer.parseInt(answer[1])}, "io-uring ring");
        try {
            own = IoUring.adopt(fds[0], IoUring.Layout.parse(answer[2]), "io-uring ring of the initiator");
        } catch (RuntimeException e) {
            Sys.close(fds[1]);
            throw e;
        }
        other = fds[1];
    }

    /** Consumes the completions (wake-ups) that came: any that comes after this ends the sleep that follows at once. */
    @Override
    int ticket(Ring ring, Wait wait) {
        own.drain();
        return 0;
    }

    @Override
    boolean sleep(Ring ring, Wait wait, int ticket) {
        return own.await(Liveness.SLICE_NANOS);
    }

    @Override
    void wake(Ring ring, Wait wait) {
        own.msgRing(other, WAKE);
    }

    @Override
    public synchronized void close() {
        if (own != null) {
            own.close();
            own = null;
        }
        if (made != null) {
            made.close(); // its descriptor is the one this side posted to
        } else if (other >= 0) {
            Sys.close(other);
        }
        other = -1;
    }
}
