package io.ipcbench.shm;

import io.ipcbench.nativeio.EventFd;
import io.ipcbench.transport.Liveness;

/**
 * {@code shm-eventfd}: one eventfd per side, which that side sleeps on (poll with a slice's
 * timeout, then read) and the other side writes to wake it, only when it has announced it may
 * sleep ({@link AnnouncedWakeUp}). A write that comes after the sleeper stopped waiting stays in
 * the counter and costs the next wait one spurious loop, never a lost wake-up.
 *
 * <p>The initiator creates both eventfds; the peer receives them as SCM_RIGHTS over a Unix socket
 * in the trial's private 0700 directory ({@link DescriptorRendezvous}). Not pidfd_getfd: that needs
 * ptrace access to the initiator, which Yama's default (ptrace_scope 1, Ubuntu's) refuses to a child
 * for its parent unless root, and containers' seccomp profiles commonly allow only with
 * CAP_SYS_PTRACE. Not
 * {@code /proc/<pid>/fd/<n>} as for the pipes: opening an eventfd there fails with ENXIO. SCM_RIGHTS
 * works for any user, and costs one socket file that lives until the peer has the descriptors.
 */
final class EventFdWakeUp extends AnnouncedWakeUp {
    private static final int WAKES_INITIATOR = 0;
    private static final int WAKES_PEER = 1;

    /** How many descriptors the peer is handed ({@link #descriptors()}). */
    static final int DESCRIPTORS = 2;

    private final EventFd own;
    private final EventFd other;

    private EventFdWakeUp(EventFd own, EventFd other) {
        super("shm-eventfd");
        this.own = own;
        this.other = other;
    }

    /** Initiator: both eventfds, which the peer is handed ({@link #descriptors()}). */
    static EventFdWakeUp create() {
        EventFd wakesInitiator = EventFd.create("shm-eventfd waking the initiator");
        try {
            return new EventFdWakeUp(wakesInitiator, EventFd.create("shm-eventfd waking the peer"));
        } catch (RuntimeException e) {
            wakesInitiator.close();
            throw e;
        }
    }

    /** Peer: the two eventfds the initiator handed over, in the order of {@link #descriptors()}. */
    static EventFdWakeUp attach(int[] fds) {
        return new EventFdWakeUp(EventFd.adopt(fds[WAKES_PEER], "shm-eventfd waking the peer"),
                EventFd.adopt(fds[WAKES_INITIATOR], "shm-eventfd waking the initiator"));
    }

    /** Initiator: what the peer is handed, in the order {@link #attach} expects. */
    @Override
    public int[] descriptors() {
        return new int[] {own.fd(), other.fd()};
    }

    @Override
    boolean sleep(Ring ring, Wait wait, int ticket) {
        return own.await(Liveness.SLICE_MILLIS);
    }

    @Override
    void wake(Ring ring, Wait wait) {
        other.signal();
    }

    @Override
    public void close() {
        own.close();
        other.close();
    }
}
