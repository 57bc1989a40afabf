package io.ipcbench.kernel;

import java.io.IOException;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.Message;
import io.ipcbench.core.WaitMode;
import io.ipcbench.transport.Transport;

/**
 * One side of a {@code vmsplice} pair: a data stream whose sends are vmsplice(2)s and whose
 * receives are read(2)s ({@link FdStream#vmsplicing()}), and an acknowledgement stream of one byte
 * per message. A send returns once the receiver acknowledged the message, that is once it has read
 * every byte of it out of the pipe, which then references none of the sender's pages: only then
 * may the caller rewrite its buffer (docs/transports.md, "Page references: vmsplice").
 */
final class VmspliceTransport implements Transport {
    private final FdStream data;
    private final FdStream acks;
    private final Message ack = new Message(1);

    private VmspliceTransport(FdStream data, FdStream acks) {
        this.data = data;
        this.acks = acks;
    }

    /**
     * Both streams over their descriptors, closed with the transport (the caller closes them if this
     * throws); {@code onPeerGone} ends a wait the peer's death would not.
     */
    static VmspliceTransport over(int dataIn, int dataOut, int acksIn, int acksOut, WaitMode wait, Runnable onPeerGone) {
        return new VmspliceTransport(new FdStream(dataIn, dataOut, "vmsplice", wait, onPeerGone).vmsplicing(),
                new FdStream(acksIn, acksOut, "vmsplice acknowledgements", wait, onPeerGone));
    }

    /** Sizes the data pipes ({@link FdStream#sizingPipes}); the acknowledgements keep the kernel's default. */
    VmspliceTransport sizingPipes(Capacity capacity) {
        data.sizingPipes(capacity);
        return this;
    }

    @Override
    public void send(Message message, int length) throws IOException {
        data.send(message, length);
        acks.receive(ack, 1); // the receiver has read the message: the pipe holds none of its pages any more
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        data.receive(message, length);
        acks.send(ack, 1);
    }

    @Override
    public long capacityBytes() {
        return data.capacityBytes();
    }

    @Override
    public void peerGone() {
        data.peerGone();
        acks.peerGone();
    }

    @Override
    public void close() {
        try {
            data.close();
        } finally {
            acks.close();
        }
    }
}
