package io.ipcbench.kernel;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.KernelLimits;
import io.ipcbench.nativeio.PosixMq;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.PollableKind;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.transport.Workspace;

/**
 * {@code posix-mq}: two POSIX message queues, one per direction, with random names, mode 0600 and
 * O_EXCL. The peer unlinks both names as soon as it has them open (the initiator already has), so
 * no name outlives the handshake. Messages are capped by fs.mqueue.msgsize_max and queues by
 * fs.mqueue.msg_max (read at run time): larger payloads travel as several messages.
 */
public final class PosixMqKind extends PollableKind {
    /** Queue depth we ask for; the kernel caps it at fs.mqueue.msg_max. */
    private static final long WANTED_DEPTH = 10;

    public PosixMqKind() {
        this(WaitMode.BLOCK);
    }

    private PosixMqKind(WaitMode wait) {
        super(wait);
    }

    @Override
    protected TransportKind withWait(WaitMode other) {
        return new PosixMqKind(other);
    }

    @Override
    public String name() {
        return "posix-mq";
    }

    @Override
    public int chunkSize(int payload) {
        return (int) Math.min(payload, KernelLimits.readLong(KernelLimits.MQ_MSGSIZE_MAX, 8192));
    }

    static String toPeer(String base) {
        return base + "-to-peer";
    }

    static String toInitiator(String base) {
        return base + "-to-initiator";
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String base = "/ipc-bench-" + HexFormat.of().formatHex(random);
        long depth = Math.min(WANTED_DEPTH, KernelLimits.readLong(KernelLimits.MQ_MSG_MAX, WANTED_DEPTH));
        int chunk = chunkSize(payload);
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
