package io.ipcbench.shm;

import java.io.IOException;
import java.nio.file.Path;

import io.ipcbench.nativeio.DescriptorPassing;
import io.ipcbench.nativeio.EventFd;
import io.ipcbench.nativeio.Sys;

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
    /** The socket file's name in the private directory. */
    static final String SOCKET = "eventfd.sock";
    private static final int SLICE_MILLIS = (int) (SLICE_NANOS / 1_000_000);
    private static final int HANDOVER_MILLIS = 10_000;
    private static final int WAKES_INITIATOR = 0;
    private static final int WAKES_PEER = 1;

    private final EventFd own;
    private final EventFd other;
    private final String address;

    private EventFdWakeUp(EventFd own, EventFd other, String address) {
        super("shm-eventfd");
        this.own = own;
        this.other = other;
        this.address = address;
    }

    /** Initiator: both eventfds; the peer fetches them from the socket at {@code socket}. */
    static EventFdWakeUp create(Path socket) {
        EventFd wakesInitiator = EventFd.create("shm-eventfd waking the initiator");
        try {
            return new EventFdWakeUp(wakesInitiator, EventFd.create("shm-eventfd waking the peer"), socket.toString());
        } catch (RuntimeException e) {
            wakesInitiator.close();
            throw e;
        }
    }

    /** Peer: receives both eventfds over the initiator's socket at {@code socket}. */
    static EventFdWakeUp attach(String socket) throws IOException {
        int connection = DescriptorPassing.connect(Path.of(socket));
        int[] fds;
        try {
            fds = DescriptorPassing.receive(connection, 2, HANDOVER_MILLIS, "shm-eventfd socket " + socket);
        } finally {
            Sys.close(connection);
        }
        return new EventFdWakeUp(EventFd.adopt(fds[WAKES_PEER], "shm-eventfd waking the peer"),
                EventFd.adopt(fds[WAKES_INITIATOR], "shm-eventfd waking the initiator"), "");
    }

    /** Initiator: what the peer is handed, in the order {@link #attach} expects. */
    int[] descriptors() {
        return new int[] {own.fd(), other.fd()};
    }

    /** The socket's path: where the peer gets the descriptors. */
    @Override
    public String address() {
        return address;
    }

    @Override
    boolean sleep(Ring ring, Wait wait, int ticket) {
        return own.await(SLICE_MILLIS);
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
