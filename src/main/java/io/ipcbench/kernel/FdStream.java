package io.ipcbench.kernel;

import java.io.EOFException;
import java.io.IOException;

import io.ipcbench.core.Message;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.Transport;

/**
 * A byte stream over file descriptors: two for pipes and FIFOs, one connected socket for
 * {@code uds} and {@code tcp}. read(2)/write(2) straight from the message's off-heap address, the
 * same calls whatever the kernel object, so those four transports differ in nothing else. The
 * kernel caps nothing here; a 1 MiB write simply blocks until the reader has drained the 64 KiB
 * pipe buffer (or the socket's) enough times.
 */
final class FdStream implements Transport {
    private final int in;
    private final int out;
    private final String name;
    private final Runnable onPeerGone;
    private final Runnable onClose;

    FdStream(int in, int out, String name) {
        this(in, out, name, () -> { });
    }

    /** @param onPeerGone ends a wait that the other side's death alone would not (see {@link #peerGone()}) */
    FdStream(int in, int out, String name, Runnable onPeerGone) {
        this(in, out, name, onPeerGone, () -> {
            Sys.close(in);
            Sys.close(out);
        });
    }

    private FdStream(int in, int out, String name, Runnable onPeerGone, Runnable onClose) {
        this.in = in;
        this.out = out;
        this.name = name;
        this.onPeerGone = onPeerGone;
        this.onClose = onClose;
    }

    /**
     * Both directions over one connected socket. {@link #peerGone()} shuts it down, which ends a
     * read or write blocked on it even while the other process still holds its end (a peer stopped
     * rather than dead, or a descriptor it passed on).
     */
    static FdStream socket(SocketFd socket, String name) {
        return new FdStream(socket.fd(), socket.fd(), name, socket::shutdown, socket::close);
    }

    @Override
    public void send(Message message, int length) throws IOException {
        long done = 0;
        while (done < length) {
            done += Sys.write(out, message.address() + done, length - done, name);
        }
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        long done = 0;
        while (done < length) {
            long n = Sys.read(in, message.address() + done, length - done, name);
            if (n == 0) {
                throw new EOFException(name + ": the other side closed the channel after " + done + " of " + length + " bytes");
            }
            done += n;
        }
    }

    @Override
    public void peerGone() {
        onPeerGone.run();
    }

    @Override
    public void close() {
        onClose.run();
    }
}
