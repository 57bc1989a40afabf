package io.ipcbench.core;

/**
 * Control messages, told apart from data messages by their sequence number (data counts up from 0).
 * Both are full-size messages, so every byte a trial moves goes through the same code.
 * <ul>
 * <li>{@link #HELLO}: the readiness handshake; the peer echoes it in every mode.</li>
 * <li>{@link #STOP}: the end of a trial; the peer answers with a message stamped with the number of
 *     data messages it received, then exits.</li>
 * <li>{@link #INTERVAL}: between iterations of a one-way trial; the peer answers with the one-way
 *     latencies it recorded since the last one (peer.OneWayReply).</li>
 * </ul>
 */
public final class Protocol {
    public static final long HELLO = -1;
    public static final long STOP = -2;
    public static final long INTERVAL = -3;

    private Protocol() {
    }
}
