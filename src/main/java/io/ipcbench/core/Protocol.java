package io.ipcbench.core;

/**
 * Control messages, told apart from data messages by their sequence number (data counts up from 0).
 * Both are full-size messages, so every byte a trial moves goes through the same code.
 * <ul>
 * <li>{@link #HELLO}: the readiness handshake; the peer echoes it in every mode.</li>
 * <li>{@link #STOP}: the end of a trial; the peer answers with a message stamped with the number of
 *     data messages it received, then exits.</li>
 * </ul>
 */
public final class Protocol {
    public static final long HELLO = -1;
    public static final long STOP = -2;

    private Protocol() {
    }
}
