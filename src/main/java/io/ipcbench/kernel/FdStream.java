package io.ipcbench.kernel;

import java.io.EOFException;
import java.io.IOException;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.Message;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.nativeio.Readiness;
import io.ipcbench.nativeio.Sockets;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.IdleStrategy;
import io.ipcbench.transport.Liveness;
import io.ipcbench.transport.Transport;

/**
 * A byte stream over file descriptors: two for pipes and FIFOs, one connected socket for
 * {@code uds} and {@code tcp}. read(2)/write(2) straight from the message's off-heap address, the
 * same calls whatever the kernel object, so those four transports differ in nothing else. The
 * kernel caps nothing here; a 1 MiB write simply blocks until the reader has drained the 64 KiB
 * pipe buffer (or the socket's) enough times.
 *
 * <p>With {@code wait=spin} or {@code backoff} both descriptors are non-blocking: a call that would
 * block returns at once and is polled ({@link IdleStrategy}); under backoff, once the spin phase is
 * over, the side sleeps in poll(2) until the descriptor is ready, then calls again. A dead peer ends
 * a polled call exactly as a blocked one: end of file, or EPIPE.
 *
 * <p>{@code vmsplice}'s data stream sends with vmsplice(2) instead of write(2) ({@link #vmsplicing()}):
 * the pipe then references the message's pages rather than holding a copy of its bytes.
 */
final class FdStream implements Transport {
    private final int in;
    private final int out;
    private final String name;
    private final Runnable onPeerGone;
    private final Runnable onClose;
    /** Both null when the side blocks (wait=block): its calls then wait in the kernel. */
    private final IdleStrategy idle;
    private final Readiness readiness;
    /** What one direction holds, as the kernel granted it: set by the side that sized it, -1 on the other. */
    private long capacity = -1;
    /** The {@code struct iovec} a vmsplicing stream's sends fill; null for write(2). */
    private NativeMemory iovec;

    FdStream(int in, int out, String name, WaitMode wait) {
        this(in, out, name, wait, () -> { });
    }

    /** @param onPeerGone ends a wait that the other side's death alone would not (see {@link #peerGone()}) */
    FdStream(int in, int out, String name, WaitMode wait, Runnable onPeerGone) {
        this(in, out, name, wait, onPeerGone, () -> {
            Sys.close(in);
            Sys.close(out);
        });
    }

    private FdStream(int in, int out, String name, WaitMode wait, Runnable onPeerGone, Runnable onClose) {
        this.in = in;
        this.out = out;
        this.name = name;
        this.onPeerGone = onPeerGone;
        this.onClose = onClose;
        boolean polled = wait.polls();
        this.idle = IdleStrategy.forWait(wait, new Liveness(name));
        this.readiness = polled ? new Readiness() : null;
        if (polled) {
            Sys.setNonBlocking(in, true, name + " fd " + in);
            Sys.setNonBlocking(out, true, name + " fd " + out);
        }
    }

    /**
     * Both directions over one connected socket. {@link #peerGone()} shuts it down, which ends a
     * read or write blocked on it even while the other process still holds its end (a peer stopped
     * rather than dead, or a descriptor it passed on).
     */
    static FdStream socket(SocketFd socket, String name, WaitMode wait, Capacity capacity) {
        long granted;
        try {
            if (!capacity.isDefault()) {
                // each side its own, a send buffer here and a receive buffer there; the kernel doubles what it is asked for
                // its bookkeeping, so half makes the socket's account the capacity, as a pipe's or a ring's is
                Sockets.setBuffers(socket.fd(), capacity.bytes() / 2);
            }
            granted = Sockets.sendBuffer(socket.fd());
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        FdStream stream = new FdStream(socket.fd(), socket.fd(), name, wait, socket::shutdown, socket::close);
        stream.capacity = granted;
        return stream;
    }

    /**
     * Sizes the two pipes (pipe or FIFO, one per direction) behind the initiator's ends
     * {@code in} and {@code out} — either end of a pipe sizes it for both sides — unless
     * {@code capacity} is the default, and records what the smaller of them holds.
     */
    FdStream sizingPipes(Capacity capacity) {
        if (!capacity.isDefault()) {
            Sys.setPipeCapacity(in, capacity.bytes(), name + " fd " + in);
            Sys.setPipeCapacity(out, capacity.bytes(), name + " fd " + out);
        }
        this.capacity = Math.min(Sys.pipeCapacity(in, name + " fd " + in), Sys.pipeCapacity(out, name + " fd " + out));
        return this;
    }

    /** Sends with vmsplice(2) from now on: the pipe references the message's pages until they are read. */
    FdStream vmsplicing() {
        iovec = new NativeMemory(16);
        return this;
    }

    @Override
    public long capacityBytes() {
        return capacity;
    }

    @Override
    public void send(Message message, int length) throws IOException {
        long done = 0;
        while (done < length) {
            long address = message.address() + done;
            long count = length - done;
            if (idle == null) {
                done += iovec == null ? Sys.write(out, address, count, name) : Sys.vmsplice(out, iovec(address, count), name);
                continue;
            }
            long n = iovec == null ? Sys.writeNow(out, address, count, name) : Sys.vmspliceNow(out, iovec(address, count), name);
            if (n != Sys.WOULD_BLOCK) {
                done += n;
                idle.reset();
            } else if (idle.shouldSleep()) {
                readiness.await(out, Sys.POLLOUT, Liveness.SLICE_MILLIS, name);
            }
        }
    }

    /** The one {@code struct iovec} of a vmsplice: {@code count} bytes at {@code address}. */
    private long iovec(long address, long count) {
        iovec.putLong(0, address);
        iovec.putLong(8, count);
        return iovec.address();
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        long done = 0;
        while (done < length) {
            long n;
            if (idle == null) {
                n = Sys.read(in, message.address() + done, length - done, name);
            } else if ((n = Sys.readNow(in, message.address() + done, length - done, name)) == Sys.WOULD_BLOCK) {
                if (idle.shouldSleep()) {
                    readiness.await(in, Sys.POLLIN, Liveness.SLICE_MILLIS, name);
                }
                continue;
            } else {
                idle.reset();
            }
            if (n == 0) {
                throw new EOFException(name + ": the other side closed the channel after " + done + " of " + length + " bytes");
            }
            done += n;
        }
    }

    @Override
    public void peerGone() {
        if (idle != null) {
            idle.peerGone();
        }
        onPeerGone.run();
    }

    @Override
    public void close() {
        onClose.run();
        if (readiness != null) {
            readiness.close();
        }
    }
}
