package io.ipcbench.kernel;

import java.io.IOException;

import net.openhft.chronicle.core.UnsafeMemory;

import io.ipcbench.core.Message;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.nativeio.PosixMq;
import io.ipcbench.nativeio.Readiness;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.IdleStrategy;
import io.ipcbench.transport.Liveness;
import io.ipcbench.transport.Transport;

/**
 * One side of a POSIX message queue pair. Chunks go straight from and to the message buffer; only
 * a final chunk shorter than the queue's message size is received through a scratch buffer, since
 * mq_receive insists on room for a whole message. Waits are timed slices, so a dead peer is
 * noticed within one slice of {@link #peerGone()} ({@link Liveness}).
 *
 * <p>With {@code wait=spin} or {@code backoff} both descriptors are non-blocking and each call is
 * polled ({@link IdleStrategy}); under backoff, once the spin phase is over, the side sleeps in
 * poll(2), which Linux's queue descriptors support, until the queue is ready, then calls again.
 */
final class PosixMqTransport implements Transport {
    private final int out;
    private final int in;
    private final int chunk;
    private final long messageSize;
    private final NativeMemory scratch;
    private final NativeMemory deadline = new NativeMemory(16);
    private final Liveness liveness = new Liveness("posix-mq");
    /** null when the side blocks (wait=block). */
    private final IdleStrategy idle;
    private final Readiness readiness;

    PosixMqTransport(int out, int in, int chunk, WaitMode wait) {
        this.out = out;
        this.in = in;
        this.chunk = chunk;
        this.messageSize = PosixMq.messageSize(in);
        this.scratch = new NativeMemory(messageSize);
        this.idle = IdleStrategy.forWait(wait, liveness);
        this.readiness = wait.polls() ? new Readiness() : null;
        if (wait.polls()) {
            Sys.setNonBlocking(out, true, "posix-mq mqd " + out);
            Sys.setNonBlocking(in, true, "posix-mq mqd " + in);
        }
    }

    /** The outgoing queue's messages × their size (mq_getattr); both queues are made alike. */
    @Override
    public long capacityBytes() {
        return PosixMq.depth(out) * PosixMq.messageSize(out);
    }

    @Override
    public void send(Message message, int length) throws IOException {
        for (int offset = 0; offset < length; offset += chunk) {
            int size = Math.min(chunk, length - offset);
            if (idle != null) {
                while (!PosixMq.sendNow(out, message.address() + offset, size)) {
                    if (idle.shouldSleep()) {
                        readiness.await(out, Sys.POLLOUT, Liveness.SLICE_MILLIS, "posix-mq");
                    }
                }
                idle.reset();
                continue;
            }
            while (!PosixMq.send(out, message.address() + offset, size, nextDeadline())) {
                liveness.check();
            }
        }
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        for (int offset = 0; offset < length; offset += chunk) {
            int size = Math.min(chunk, length - offset);
            boolean direct = length - offset >= messageSize;
            long target = direct ? message.address() + offset : scratch.address();
            long received;
            if (idle != null) {
                while ((received = PosixMq.receiveNow(in, target, messageSize)) < 0) {
                    if (idle.shouldSleep()) {
                        readiness.await(in, Sys.POLLIN, Liveness.SLICE_MILLIS, "posix-mq");
                    }
                }
                idle.reset();
            } else {
                while ((received = PosixMq.receive(in, target, messageSize, nextDeadline())) < 0) {
                    liveness.check();
                }
            }
            if (received != size) {
                throw new IOException("posix-mq: expected a " + size + "-byte chunk at offset " + offset + ", got " + received);
            }
            if (!direct) {
                UnsafeMemory.MEMORY.copyMemory(scratch.address(), message.address() + offset, size);
            }
        }
    }

    /** An absolute CLOCK_REALTIME deadline one slice from now, as mq_timed* want it. */
    private long nextDeadline() {
        long now = System.currentTimeMillis() * 1_000_000L + Liveness.SLICE_NANOS;
        deadline.putLong(0, now / 1_000_000_000L);
        deadline.putLong(8, now % 1_000_000_000L);
        return deadline.address();
    }

    @Override
    public void peerGone() {
        liveness.markGone(); // ends a polled wait (its idle strategy's) and a timed one alike
    }

    @Override
    public void close() {
        PosixMq.close(out);
        PosixMq.close(in);
        if (readiness != null) {
            readiness.close();
        }
    }
}
