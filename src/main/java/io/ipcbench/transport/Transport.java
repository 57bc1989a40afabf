package io.ipcbench.transport;

import java.io.IOException;

import io.ipcbench.core.Message;

/**
 * One side of a connected channel: the only thing a mechanism implements for the measurement loop
 * (like iceoryx's iceperf: send, receive, shutdown). Both methods move exactly {@code length} bytes
 * from position 0 of the message, looping over short reads and writes and splitting into chunks
 * where the kernel caps a message. The loop, the checks and the timing live elsewhere, once.
 */
public interface Transport extends AutoCloseable {

    void send(Message message, int length) throws IOException;

    void receive(Message message, int length) throws IOException;

    /**
     * Called from a watchdog thread once the other process is known to be dead, to wake any wait
     * that its death alone does not end (a pipe read ends by itself; a semaphore wait does not).
     * Must be thread-safe and idempotent; the default does nothing.
     */
    default void peerGone() {
    }

    /**
     * The calling thread will use this transport from now on (JMH may switch threads between
     * iterations): strategies that wake one particular thread bind to it here.
     */
    default void bindToCurrentThread() {
    }

    /**
     * Both sides' lost wake-ups so far: sleeps that ran out while what they waited for was already
     * there (a broken "wake only when the other side may sleep" protocol), or -1 where no side
     * sleeps through such a protocol. Read by the initiator, from any thread.
     */
    default long lostWakeUps() {
        return -1;
    }

    /**
     * The bytes one direction of the channel holds, as the kernel (or the ring) granted them at
     * set-up ({@code -p capacity=}, or the mechanism's default), or -1 where the mechanism does not
     * say (the library rings). Read by the initiator on its own side.
     */
    default long capacityBytes() {
        return -1;
    }

    /**
     * A buffer for messages of up to {@code capacity} bytes on this side, made once per trial
     * before anything is timed: an ordinary direct buffer, unless the mechanism's copies want other
     * memory ({@code cma:split}: huge pages). Memory the transport made for it is its own, freed by
     * {@link #close()}, so the message may not be used after that.
     */
    default Message message(int capacity) {
        return new Message(capacity);
    }

    /** Releases this side's resources. Called by the thread that used the transport. */
    @Override
    void close();
}
