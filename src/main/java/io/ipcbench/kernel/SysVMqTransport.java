package io.ipcbench.kernel;

import java.io.IOException;

import net.openhft.chronicle.core.UnsafeMemory;

import io.ipcbench.core.Message;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.SysV;
import io.ipcbench.transport.IdleStrategy;
import io.ipcbench.transport.Liveness;
import io.ipcbench.transport.Transport;

/**
 * One side of a System V message queue pair. msgsnd/msgrcv take the 8-byte mtype followed by the
 * data, so each chunk goes straight from and to the message with its mtype in the 8 bytes just
 * before it: the message's {@linkplain Message#HEADROOM headroom} for the first chunk, the end of
 * the chunk before it for the others. Those 8 bytes are saved first and put back after the call, so
 * the only copies are the kernel's own (a C program staging each chunk behind an mtype makes two
 * more). msgrcv has no timeout: a wait for a dead peer ends when the queue is removed (EIDRM), which
 * the watchdog does.
 *
 * <p>With {@code wait=spin} or {@code backoff} each call is first made with IPC_NOWAIT and polled
 * ({@link IdleStrategy}); under backoff, once the spin phase is over, the blocking call finishes it.
 */
final class SysVMqTransport implements Transport {
    private static final int MTYPE_BYTES = Long.BYTES;

    private final int msqid;
    private final long sendType;
    private final long receiveType;
    private final int chunk;
    private final boolean owner;
    /** null when the side blocks (wait=block). */
    private final IdleStrategy idle;

    SysVMqTransport(int msqid, long sendType, long receiveType, int chunk, boolean owner, WaitMode wait) {
        this.msqid = msqid;
        this.sendType = sendType;
        this.receiveType = receiveType;
        this.chunk = chunk;
        this.owner = owner;
        this.idle = IdleStrategy.forWait(wait, new Liveness("sysv-mq"));
    }

    /** The queue's bytes: both directions share them. */
    @Override
    public long capacityBytes() {
        return SysV.msgQueueBytes(msqid);
    }

    @Override
    public void send(Message message, int length) throws IOException {
        for (int offset = 0; offset < length; offset += chunk) {
            long mtype = message.address() + offset - MTYPE_BYTES;
            long saved = UnsafeMemory.MEMORY.readLong(mtype);
            UnsafeMemory.MEMORY.writeLong(mtype, sendType);
            try {
                sendChunk(mtype, Math.min(chunk, length - offset));
            } finally {
                UnsafeMemory.MEMORY.writeLong(mtype, saved);
            }
        }
    }

    /**
     * msgrcv may write at most up to the end of the message's buffer: a message larger than fits
     * there fails the call with E2BIG rather than overrun it; a chunk of any other wrong size fails
     * the check below, as ever.
     */
    @Override
    public void receive(Message message, int length) throws IOException {
        for (int offset = 0; offset < length; offset += chunk) {
            int size = Math.min(chunk, length - offset);
            long mtype = message.address() + offset - MTYPE_BYTES;
            long saved = UnsafeMemory.MEMORY.readLong(mtype);
            long received;
            try {
                received = receiveChunk(mtype, Math.min(chunk, message.capacity() - offset));
            } finally {
                UnsafeMemory.MEMORY.writeLong(mtype, saved);
            }
            if (received != size) {
                throw new IOException("sysv-mq: expected a " + size + "-byte chunk at offset " + offset + ", got " + received);
            }
        }
    }

    private void sendChunk(long mtype, int size) throws IOException {
        if (idle == null) {
            SysV.msgSend(msqid, mtype, size);
            return;
        }
        while (!SysV.msgSendNow(msqid, mtype, size)) {
            if (idle.shouldSleep()) {
                SysV.msgSend(msqid, mtype, size);
                break;
            }
        }
        idle.reset();
    }

    private long receiveChunk(long mtype, int capacity) throws IOException {
        if (idle == null) {
            return SysV.msgReceive(msqid, mtype, capacity, receiveType);
        }
        long received;
        while ((received = SysV.msgReceiveNow(msqid, mtype, capacity, receiveType)) < 0) {
            if (idle.shouldSleep()) {
                received = SysV.msgReceive(msqid, mtype, capacity, receiveType);
                break;
            }
        }
        idle.reset();
        return received;
    }

    /** Removing the queue wakes both sides' blocked msgsnd/msgrcv with EIDRM. */
    @Override
    public void peerGone() {
        if (idle != null) {
            idle.peerGone();
        }
        SysV.msgRemove(msqid);
    }

    @Override
    public void close() {
        if (owner) {
            SysV.msgRemove(msqid);
        }
    }
}
