package io.ipcbench.kernel;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.PollableKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code pipe}: two pipe(2)s, one per direction, that the initiator creates. The peer opens its ends
 * through {@code /proc/<initiator pid>/fd/<n>}, which opens the very same pipe: they cannot be
 * inherited, as the JDK closes every descriptor above 2 in a process it starts, and only the same
 * user may open another process's descriptors. Not the peer's standard input and output, as it once
 * was: whatever the peer's JVM prints there (a flag dump, {@code -Xlog:…:stdout}, a warning) would
 * enter the data.
 *
 * <p>The initiator holds the peer's ends too until the handshake has proved that the peer holds its
 * own, so the peer can open them whenever it gets there; then it closes them, and the peer's death
 * ends a read with end of file and a write with EPIPE, as for any pipe. If the peer dies before,
 * closing them is what wakes the initiator. Nothing goes into the ledger: a pipe vanishes with the
 * last process that holds it.
 */
public final class PipeKind extends PollableKind {
    private static final int READ_END = 0;
    private static final int WRITE_END = 1;

    public PipeKind() {
        this(WaitMode.BLOCK, Capacity.DEFAULT);
    }

    private PipeKind(WaitMode wait, Capacity capacity) {
        super(wait, capacity, PipeKind::new);
    }

    @Override
    public void checkPayload(int payload) {
        PipeCapacity.check(name(), capacity());
    }

    @Override
    public String name() {
        return "pipe";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        int[] toPeer = Sys.pipe("pipe to the peer");
        int[] fromPeer;
        try {
            fromPeer = Sys.pipe("pipe from the peer");
        } catch (RuntimeException e) {
            Sys.close(toPeer[READ_END]);
            Sys.close(toPeer[WRITE_END]);
            throw e;
        }
        PeerEnds peerEnds = new PeerEnds(toPeer[READ_END], fromPeer[WRITE_END]);
        Transport initiator;
        try {
            initiator = new FdStream(fromPeer[READ_END], toPeer[WRITE_END], "pipe", waitMode(), peerEnds::close).sizingPipes(capacity());
        } catch (RuntimeException e) {
            peerEnds.close();
            Sys.close(fromPeer[READ_END]);
            Sys.close(toPeer[WRITE_END]);
            throw e;
        }
        String address = Sys.getpid() + ":" + toPeer[READ_END] + ":" + fromPeer[WRITE_END];
        return new AttachByIdRendezvous(address, initiator, peerEnds::close);
    }

    /** {@code address} is "<initiator pid>:<fd of the pipe to the peer>:<fd of the pipe from the peer>". */
    @Override
    public Transport attach(String address, int payload) {
        int[] fds = PeerEnds.open(name(), address, Sys.O_RDONLY, Sys.O_WRONLY);
        try {
            return new FdStream(fds[0], fds[1], "pipe", waitMode());
        } catch (RuntimeException e) {
            PeerEnds.closeAll(fds);
            throw e;
        }
    }
}
