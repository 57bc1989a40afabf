package io.ipcbench.kernel;

import java.util.concurrent.atomic.AtomicBoolean;

import io.ipcbench.nativeio.Sys;

/**
 * The peer's ends of the pipes the initiator made ({@code pipe}, {@code vmsplice}): the peer opens
 * them through {@code /proc/<initiator pid>/fd/<n>} ({@link #open}); the initiator holds its copies
 * until the handshake proved the peer holds its own, then they are closed once ({@link #close()}),
 * by whichever thread gets there first (the handshake, or the watchdog when the peer died before).
 */
final class PeerEnds {
    private final int[] fds;
    private final AtomicBoolean closed = new AtomicBoolean();

    PeerEnds(int... fds) {
        this.fds = fds.clone();
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(fds);
        }
    }

    /**
     * Peer side: opens the ends that {@code address}, "&lt;pid&gt;:&lt;fd&gt;:…", names, one per
     * entry of {@code flags} ({@code O_RDONLY} or {@code O_WRONLY}), all or none.
     */
    static int[] open(String transport, String address, int... flags) {
        String[] parts = address.split(":");
        if (parts.length != flags.length + 1) {
            throw new IllegalArgumentException(transport + ": rendezvous '" + address + "' is not <pid>" + ":<fd>".repeat(flags.length));
        }
        String procFds = "/proc/" + parts[0] + "/fd/";
        int[] opened = new int[flags.length];
        int count = 0;
        try {
            for (; count < flags.length; count++) {
                opened[count] = Sys.open(procFds + parts[count + 1], flags[count]);
            }
            return opened;
        } catch (RuntimeException e) {
            closeAll(java.util.Arrays.copyOf(opened, count));
            throw e;
        }
    }

    static void closeAll(int[] fds) {
        for (int fd : fds) {
            Sys.close(fd);
        }
    }
}
