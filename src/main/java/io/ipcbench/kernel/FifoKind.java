package io.ipcbench.kernel;

import java.io.IOException;
import java.nio.file.Path;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.NativeException;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.PeerHandle;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.PollableKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code fifo}: two named pipes, one per direction, in the trial's private 0700 directory. Both
 * sides open them in the same order with blocking opens, so when both opens return all four ends
 * exist and no read can see a premature end of file. The names are unlinked once both sides hold them.
 */
public final class FifoKind extends PollableKind {
    private static final String TO_PEER = "to-peer";
    private static final String FROM_PEER = "from-peer";

    public FifoKind() {
        this(WaitMode.BLOCK, Capacity.DEFAULT);
    }

    private FifoKind(WaitMode wait, Capacity capacity) {
        super(wait, capacity, FifoKind::new);
    }

    @Override
    public void checkPayload(int payload) {
        PipeCapacity.check(name(), capacity());
    }

    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        Path toPeer = workspace.resolve(TO_PEER);
        Path fromPeer = workspace.resolve(FROM_PEER);
        Sys.mkfifo(toPeer.toString(), 0600);
        Sys.mkfifo(fromPeer.toString(), 0600);
        return new Rendezvous() {
            private volatile boolean aborted;

            @Override
            public String address() {
                return workspace.dir().path().toString();
            }

            @Override
            public Transport accept(PeerHandle peer) throws IOException {
                int out = Sys.open(toPeer.toString(), Sys.O_WRONLY);
                int in = Sys.open(fromPeer.toString(), Sys.O_RDONLY);
                if (aborted) {
                    Sys.close(out);
                    Sys.close(in);
                    throw new IOException("fifo: the peer did not open its FIFOs");
                }
                FdStream stream = new FdStream(in, out, "fifo", waitMode());
                try {
                    return stream.sizingPipes(capacity());
                } catch (RuntimeException e) {
                    stream.close();
                    throw e;
                }
            }

            /** Wakes a blocked open by opening the other end ourselves, non-blocking, and closing it. */
            @Override
            public void abort() {
                aborted = true;
                poke(toPeer, Sys.O_RDONLY);
                poke(fromPeer, Sys.O_WRONLY);
            }

            @Override
            public void close() {
                toPeer.toFile().delete();
                fromPeer.toFile().delete();
            }
        };
    }

    private static void poke(Path fifo, int flags) {
        try {
            Sys.close(Sys.open(fifo.toString(), flags | Sys.O_NONBLOCK));
        } catch (NativeException nobodyWaiting) {
            // ENXIO: no opener is blocked on the other end, nothing to wake
        }
    }

    @Override
    public Transport attach(String address, int payload) {
        int in = Sys.open(Path.of(address, TO_PEER).toString(), Sys.O_RDONLY);
        int out = Sys.open(Path.of(address, FROM_PEER).toString(), Sys.O_WRONLY);
        return new FdStream(in, out, "fifo", waitMode());
    }
}
