package io.ipcbench.kernel;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.KernelLimits;
import io.ipcbench.nativeio.PosixMq;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.PollableKind;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * {@code posix-mq}: two POSIX message queues, one per direction, with random names, mode 0600 and
 * O_EXCL. The peer unlinks both names as soon as it has them open (the initiator already has), so
 * no name outlives the handshake. Messages are capped by fs.mqueue.msgsize_max and queues by
 * fs.mqueue.msg_max (read at run time): larger payloads travel as several messages. With
 * {@code -p capacity=} each queue holds that many bytes in as many chunks as fit.
 */
public final class PosixMqKind extends PollableKind {
    /** Queue depth we ask for; the kernel caps it at fs.mqueue.msg_max. */
    private static final long WANTED_DEPTH = 10;
    /** The kernel's ceiling on a queue's messages, even for a privileged user (HARD_MSGMAX). */
    private static final long HARD_MSGMAX = 65536;

    public PosixMqKind() {
        this(WaitMode.BLOCK, Capacity.DEFAULT);
    }

    private PosixMqKind(WaitMode wait, Capacity capacity) {
        super(wait, capacity, PosixMqKind::new);
    }

    @Override
    public String name() {
        return "posix-mq";
    }

    /** The payload, capped by fs.mqueue.msgsize_max and, with {@code -p capacity=}, by the capacity. */
    @Override
    public int chunkSize(int payload) {
        long cap = KernelLimits.readLong(KernelLimits.MQ_MSGSIZE_MAX, 8192);
        return (int) Math.min(payload, capacity().isDefault() ? cap : Math.min(cap, capacity().bytes()));
    }

    /**
     * Messages a queue holds: {@value #WANTED_DEPTH} (at most fs.mqueue.msg_max), or as many chunks
     * as fill the capacity, which only a privileged user may take beyond fs.mqueue.msg_max
     * (mq_open then fails and names the limit).
     */
    private long depth(int chunk) {
        if (capacity().isDefault()) {
            return Math.min(WANTED_DEPTH, KernelLimits.readLong(KernelLimits.MQ_MSG_MAX, WANTED_DEPTH));
        }
        return Math.max(1, capacity().bytes() / chunk);
    }

    /**
     * With {@code -p capacity=}, the queue's depth in messages must be one this user may ask for:
     * fs.mqueue.msg_max binds a user without CAP_SYS_RESOURCE, and the kernel's own ceiling
     * ({@value #HARD_MSGMAX}) binds everyone. A POSIX queue counts messages, not bytes: 64 KiB of
     * 64-byte messages is 1024 of them.
     */
    @Override
    public void checkPayload(int payload) {
        if (capacity().isDefault()) {
            return;
        }
        int chunk = chunkSize(payload);
        long depth = depth(chunk);
        long most = Math.min(HARD_MSGMAX, KernelLimits.bindingLimit(KernelLimits.MQ_MSG_MAX, WANTED_DEPTH));
        if (depth > most) {
            throw new IllegalArgumentException("posix-mq cannot run capacity=" + capacity().label() + " with payload " + payload + ": it needs"
                    + " queues of " + depth + " messages of " + chunk + " bytes, and " + (most == HARD_MSGMAX ? "the kernel allows " + most
                    : KernelLimits.quote(KernelLimits.MQ_MSG_MAX) + " for a user without CAP_SYS_RESOURCE; raise it (sysctl -w "
                    + KernelLimits.MQ_MSG_MAX + "=" + depth + ")") + ", or ask for " + most * chunk + " bytes or less");
        }
    }

    static String toPeer(String base) {
        return base + "-to-peer";
    }

    static String toInitiator(String base) {
        return base + "-to-initiator";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        checkPayload(payload);
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String base = PosixMq.NAME_PREFIX + HexFormat.of().formatHex(random);
        int chunk = chunkSize(payload);
        long depth = depth(chunk);
        workspace.recordQueueName(toPeer(base));
        workspace.recordQueueName(toInitiator(base));
        int out = PosixMq.create(toPeer(base), depth, chunk);
        int in;
        try {
            in = PosixMq.create(toInitiator(base), depth, chunk);
        } catch (RuntimeException e) {
            PosixMq.close(out);
            PosixMq.unlink(toPeer(base));
            throw e;
        }
        PosixMqTransport transport = new PosixMqTransport(out, in, chunk, waitMode());
        return new AttachByIdRendezvous(base, transport, () -> {
            PosixMq.unlink(toPeer(base));
            PosixMq.unlink(toInitiator(base));
        });
    }

    @Override
    public Transport attach(String address, int payload) {
        int in = PosixMq.open(toPeer(address));
        int out = PosixMq.open(toInitiator(address));
        PosixMq.unlink(toPeer(address));
        PosixMq.unlink(toInitiator(address));
        return new PosixMqTransport(out, in, chunkSize(payload), waitMode());
    }
}
