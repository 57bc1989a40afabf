package io.ipcbench.kernel;

import java.io.IOException;
import java.nio.file.Path;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.NativeException;
import io.ipcbench.nativeio.Sockets;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.PollableKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code uds}: a Unix domain stream socket made with libc's socket/bind/listen/accept/connect, and
 * moved through read(2)/write(2) like the pipes ({@link FdStream}); the JDK's channels are
 * {@code uds-jdk}. The socket file is the {@link UdsRendezvous}'s.
 */
public final class UdsKind extends PollableKind {

    public UdsKind() {
        this(WaitMode.BLOCK, Capacity.DEFAULT);
    }

    private UdsKind(WaitMode wait, Capacity capacity) {
        super(wait, capacity, UdsKind::new);
    }

    @Override
    public String name() {
        return "uds";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        Path path = UdsRendezvous.socketPath(workspace);
        SocketFd listener = new SocketFd(Sockets.listenUnix(path.toString(), 1));
        return new UdsRendezvous(path, new UdsRendezvous.Listener() {
            @Override
            public Transport accept() throws IOException {
                try {
                    return FdStream.socket(new SocketFd(Sockets.accept(listener.fd(), false)), "uds", waitMode(), capacity());
                } catch (NativeException e) {
                    throw new IOException("uds: the peer did not connect", e); // stop() shut the listener down: EINVAL
                }
            }

            /** Shutting the listener down wakes a blocked accept. */
            @Override
            public void stop() {
                listener.shutdown();
            }

            @Override
            public void close() {
                listener.close();
            }
        });
    }

    @Override
    public Transport attach(String address, int payload) {
        return FdStream.socket(new SocketFd(Sockets.connectUnix(address)), "uds", waitMode(), capacity());
    }
}
