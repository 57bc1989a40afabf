package io.ipcbench.kernel;

import java.io.IOException;

import net.openhft.chronicle.core.UnsafeMemory;

import io.ipcbench.core.Message;
import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.nativeio.PosixMq;
import io.ipcbench.transport.Transport;

/**
 * One side of a POSIX message queue pair. Chunks go straight from and to the message buffer; only
 * a final chunk shorter than the queue's message size is received through a scratch buffer, since
 * mq_receive insists on room for a whole message. Waits are timed slices, so a dead peer is
 * noticed within one slice of {@link #peerGone()}.
 */
final class PosixMqTransport implements Transport {
    private static final long SLICE_NANOS = 200_000_000L;

    private final int out;
    private final int in;
    private final int chunk;
    private final long messageSize;
    private final NativeMemory scratch;
    private final NativeMemory deadline = new NativeMemory(16);
    private volatile boolean gone;

    PosixMqTransport(int out, int in, int chunk) {
        this.out = out;
        this.in = in;
        this.chunk = chunk;
        this.messageSize = PosixMq.messageSize(in);
        this.scratch = new NativeMemory(messageSize);
    }

    @Override
    public void send(Message message, int length) throws IOException {
        for (int offset = 0; offset < length; offset += chunk) {
            int size = Math.min(chunk, length - offset);
            while (!PosixMq.send(out, message.address() + offset, size, nextDeadline())) {
                checkPeer();
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
            while ((received = PosixMq.receive(in, target, messageSize, nextDeadline())) < 0) {
                checkPeer();
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
        long now = System.currentTimeMillis() * 1_000_000L + SLICE_NANOS;
        deadline.putLong(0, now / 1_000_000_000L);
        deadline.putLong(8, now % 1_000_000_000L);
        return deadline.address();
    }

    private void checkPeer() throws IOException {
        if (gone) {
            throw new IOException("posix-mq: the other side is gone");
        }
    }

    @Override
    public void peerGone() {
        gone = true;
    }

    @Override
    public void close() {
        PosixMq.close(out);
        PosixMq.close(in);
    }
}
