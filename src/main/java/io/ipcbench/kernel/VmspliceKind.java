package io.ipcbench.kernel;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.PollableKind;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * {@code vmsplice}: the sender hands the pages of its message to a pipe with vmsplice(2) (the pipe
 * references them, nothing is copied), the receiver copies them out with read(2): one copy per
 * message where {@code pipe} makes two (docs/transports.md, "Page references: vmsplice"). As the
 * pipe holds the sender's own pages until they are read, the sender may not rewrite its buffer
 * before then: the receiver acknowledges each message with a byte on a second pipe, and the send
 * returns only once that byte came.
 *
 * <p>Four pipes, then: data and acknowledgements, one of each per direction, made by the initiator
 * and opened by the peer through {@code /proc/<pid>/fd/<n>} exactly as {@code pipe}'s two
 * ({@link PipeKind} says why, and why nothing goes into the ledger). {@code -p capacity=} sizes the
 * data pipes with F_SETPIPE_SZ as {@code pipe}'s; each page of a message takes one of a pipe's
 * slots (a page's worth of its capacity) however few of its bytes the message covers.
 */
public final class VmspliceKind extends PollableKind {
    private static final int READ_END = 0;
    private static final int WRITE_END = 1;
    private static final String NAME = "vmsplice";

    public VmspliceKind() {
        this(WaitMode.BLOCK, Capacity.DEFAULT);
    }

    private VmspliceKind(WaitMode wait, Capacity capacity) {
        super(wait, capacity, VmspliceKind::new);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void checkPayload(int payload) {
        PipeCapacity.check(name(), capacity());
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        int[][] pipes = new int[4][];
        try {
            for (int i = 0; i < pipes.length; i++) {
                pipes[i] = Sys.pipe(NAME + " pipe " + i);
            }
        } catch (RuntimeException e) {
            closeAll(pipes);
            throw e;
        }
        int[] dataToPeer = pipes[0];
        int[] dataFromPeer = pipes[1];
        int[] acksToPeer = pipes[2];
        int[] acksFromPeer = pipes[3];
        PeerEnds peerEnds = new PeerEnds(dataToPeer[READ_END], dataFromPeer[WRITE_END], acksToPeer[READ_END], acksFromPeer[WRITE_END]);
        Transport initiator;
        try {
            initiator = VmspliceTransport.over(dataFromPeer[READ_END], dataToPeer[WRITE_END], acksFromPeer[READ_END],
                    acksToPeer[WRITE_END], waitMode(), peerEnds::close).sizingPipes(capacity());
        } catch (RuntimeException e) {
            closeAll(pipes);
            throw e;
        }
        String address = Sys.getpid() + ":" + dataToPeer[READ_END] + ":" + dataFromPeer[WRITE_END] + ":" + acksToPeer[READ_END] + ":"
                + acksFromPeer[WRITE_END];
        return new AttachByIdRendezvous(address, initiator, peerEnds::close);
    }

    /** {@code address} is "<initiator pid>:<data in>:<data out>:<acks in>:<acks out>", the peer's ends. */
    @Override
    public Transport attach(String address, int payload) {
        int[] fds = PeerEnds.open(NAME, address, Sys.O_RDONLY, Sys.O_WRONLY, Sys.O_RDONLY, Sys.O_WRONLY);
        try {
            return VmspliceTransport.over(fds[0], fds[1], fds[2], fds[3], waitMode(), () -> { });
        } catch (RuntimeException e) {
            PeerEnds.closeAll(fds);
            throw e;
        }
    }

    /** Closes every end of the pipes made so far (a failed set-up). */
    private static void closeAll(int[][] pipes) {
        for (int[] pipe : pipes) {
            if (pipe != null) {
                PeerEnds.closeAll(pipe);
            }
        }
    }
}
