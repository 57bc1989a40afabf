package io.ipcbench.transport;

import java.io.IOException;

import io.ipcbench.nativeio.Sys;

/**
 * {@code pipe}: the peer's standard input and output, which the JDK creates as two pipe(2)s. The
 * initiator opens its ends through {@code /proc/<pid>/fd/0} and {@code /1} (which opens the same
 * pipes) so both sides use raw file descriptors and off-heap buffers, like {@code fifo}.
 */
final class PipeKind implements TransportKind {
    private static final int STDIN = 0;
    private static final int STDOUT = 1;

    @Override
    public String name() {
        return "pipe";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        return new Rendezvous() {
            @Override
            public String address() {
                return "stdio";
            }

            @Override
            public Transport accept(PeerHandle peer) throws IOException {
                // Until the peer's JVM runs, its fds 0 and 1 may not be the pipes yet.
                peer.awaitStarted();
                String fds = "/proc/" + peer.pid() + "/fd/";
                int toPeer = Sys.open(fds + STDIN, Sys.O_WRONLY);
                int fromPeer = Sys.open(fds + STDOUT, Sys.O_RDONLY);
                return new FdStream(fromPeer, toPeer, "pipe");
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Transport attach(String address, int payload) {
        return new FdStream(STDIN, STDOUT, "pipe");
    }
}
