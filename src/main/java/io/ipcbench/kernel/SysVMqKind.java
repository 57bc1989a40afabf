package io.ipcbench.kernel;

import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.KernelLimits;
import io.ipcbench.nativeio.SysV;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.PollableKind;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code sysv-mq}: one System V message queue (IPC_PRIVATE, 0600); the message type tells the two
 * directions apart. A payload larger than the kernel's per-message cap (kernel.msgmax, read at
 * run time) travels as several messages.
 */
public final class SysVMqKind extends PollableKind {
    static final long TO_PEER = 1;
    static final long TO_INITIATOR = 2;

    public SysVMqKind() {
        this(WaitMode.BLOCK);
    }

    private SysVMqKind(WaitMode wait) {
        super(wait);
    }

    @Override
    protected TransportKind withWait(WaitMode other) {
        return new SysVMqKind(other);
    }

    @Override
    public String name() {
        return "sysv-mq";
    }

    @Override
    public int chunkSize(int payload) {
        return (int) Math.min(payload, KernelLimits.readLong(KernelLimits.MSGMAX, 8192));
    }

    /**
     * msgsnd waits while a message does not fit the queue's free bytes, and a queue holds
     * kernel.msgmnb bytes (fixed when it is made): a chunk larger than that would wait forever, and
     * the watchdog would end up blaming a silent peer.
     */
    @Override
    public void checkPayload(int payload) {
        int chunk = chunkSize(payload);
        long queueBytes = KernelLimits.readLong(KernelLimits.MSGMNB, Long.MAX_VALUE);
        if (chunk > queueBytes) {
            throw new IllegalArgumentException("sysv-mq: payload " + payload + " travels in " + chunk + "-byte messages ("
                    + KernelLimits.quote(KernelLimits.MSGMAX) + "), which never fit a queue of " + KernelLimits.quote(KernelLimits.MSGMNB)
                    + " bytes; raise " + KernelLimits.MSGMNB + " to " + chunk + " or more, or lower " + KernelLimits.MSGMAX
                    + " to " + queueBytes + " or less");
        }
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        checkPayload(payload);
        int msqid = SysV.msgCreate();
        workspace.recordSysV("msg", msqid);
        SysVMqTransport transport = new SysVMqTransport(msqid, TO_PEER, TO_INITIATOR, chunkSize(payload), true, waitMode());
        // the queue has no name to drop; the owning transport removes it at close
        return new AttachByIdRendezvous(Integer.toString(msqid), transport, () -> { });
    }

    @Override
    public Transport attach(String address, int payload) {
        return new SysVMqTransport(Integer.parseInt(address), TO_INITIATOR, TO_PEER, chunkSize(payload), false, waitMode());
    }
}
