package io.ipcbench.kernel;

import java.io.IOException;

import net.openhft.chronicle.core.UnsafeMemory;

import io.ipcbench.core.Message;
import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.nativeio.SysV;
import io.ipcbench.transport.Transport;

/**
 * One side of a System V message queue pair. msgsnd/msgrcv take the 8-byte mtype followed by the
 * data, so each chunk is staged in a native buffer (the copy a C program makes too). msgrcv has no
 * timeout: a wait for a dead peer ends when the queue is removed (EIDRM), which the watchdog does.
 */
final class SysVMqTransport implements Transport {
    private static final int MTYPE_BYTES = Long.BYTES;

    private final int msqid;
    private final long sendType;
    private final long receiveType;
    private final int chunk;
    private final boolean owner;
    private final NativeMemory staging;

    SysVMqTransport(int msqid, long sendType, long receiveType, int chunk, boolean owner) {
        this.msqid = msqid;
        this.sendType = sendType;
        this.receiveType = receiveType;
        this.chunk = chunk;
        this.owner = owner;
        this.staging = new NativeMemory(MTYPE_BYTES + chunk);
    }

    @Override
    public void send(Message message, int length) {
        for (int offset = 0; offset < length; offset += chunk) {
            int size = Math.min(chunk, length - offset);
            staging.putLong(0, sendType);
            UnsafeMemory.MEMORY.copyMemory(message.address() + offset, staging.address() + MTYPE_BYTES, size);
            SysV.msgSend(msqid, staging.address(), size);
        }
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        for (int offset = 0; offset < length; offset += chunk) {
            int size = Math.min(chunk, length - offset);
            long received = SysV.msgReceive(msqid, staging.address(), chunk, receiveType);
            if (received != size) {
                throw new IOException("sysv-mq: expected a " + size + "-byte chunk at offset " + offset + ", got " + received);
            }
            UnsafeMemory.MEMORY.copyMemory(staging.address() + MTYPE_BYTES, message.address() + offset, size);
        }
    }

    /** Removing the queue wakes both sides' blocked msgsnd/msgrcv with EIDRM. */
    @Override
    public void peerGone() {
        SysV.msgRemove(msqid);
    }

    @Override
    public void close() {
        if (owner) {
            SysV.msgRemove(msqid);
        }
    }
}
