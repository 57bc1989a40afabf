package io.ipcbench.kernel;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.KernelLimits;
import io.ipcbench.nativeio.SysV;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.PollableKind;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * {@code sysv-mq}: one System V message queue (IPC_PRIVATE, 0600); the message type tells the two
 * directions apart. A payload larger than the kernel's per-message cap (kernel.msgmax, read at
 * run time) travels as several messages. {@code -p capacity=} sets the queue's bytes (msg_qbytes,
 * kernel.msgmnb by default), once for both directions.
 */
public final class SysVMqKind extends PollableKind {
    static final long TO_PEER = 1;
    static final long TO_INITIATOR = 2;

    public SysVMqKind() {
        this(WaitMode.BLOCK, Capacity.DEFAULT);
    }

    private SysVMqKind(WaitMode wait, Capacity capacity) {
        super(wait, capacity, SysVMqKind::new);
    }

    @Override
    public String name() {
        return "sysv-mq";
    }

    /** The payload, capped by kernel.msgmax and, with {@code -p capacity=}, by the queue's bytes so that a chunk fits it. */
    @Override
    public int chunkSize(int payload) {
        long cap = KernelLimits.readLong(KernelLimits.MSGMAX, 8192);
        return (int) Math.min(payload, capacity().isDefault() ? cap : Math.min(cap, capacity().bytes()));
    }

    /**
     * msgsnd waits while a message does not fit the queue's free bytes, and a queue holds
     * kernel.msgmnb bytes (fixed when it is made): a chunk larger than that would wait forever, and
     * the watchdog would end up blaming a silent peer.
     */
    @Override
    public void checkPayload(int payload) {
        if (!capacity().isDefault()) {
            // the queue is made to hold the capacity, and chunks are no larger; only a privileged user may make it hold more than msgmnb
            long most = KernelLimits.bindingLimit(KernelLimits.MSGMNB, Long.MAX_VALUE);
            if (capacity().bytes() > most) {
                throw new IllegalArgumentException("sysv-mq cannot run capacity=" + capacity().label() + ": "
                        + KernelLimits.quote(KernelLimits.MSGMNB) + " caps a queue's bytes for a user without CAP_SYS_RESOURCE; raise it"
                        + " (sysctl -w " + KernelLimits.MSGMNB + "=" + capacity().label() + ") or ask for " + most + " or less");
            }
            return;
        }
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
        if (!capacity().isDefault()) {
            // both directions share the queue; a stream's one busy direction has it to itself. Before the
            // ledger records the queue: IPC_SET changes its ctime, the stamp by which a stale queue is known as ours
            try {
                SysV.setMsgQueueBytes(msqid, capacity().bytes());
            } catch (RuntimeException e) {
                SysV.msgRemove(msqid);
                throw e;
            }
        }
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
