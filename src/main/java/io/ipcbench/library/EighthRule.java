package io.ipcbench.library;

/**
 * Sizes shared by Agrona's ring buffer and Aeron's log: both take a message of at most an eighth of
 * their buffer (a ring's capacity, a log's term), in powers of two. A payload up to {@link #MAX_CHUNK}
 * moves as one message; a larger one in chunks of it, as the message queues do, so the buffers stay
 * at 8 MiB a direction whatever the payload.
 */
final class EighthRule {
    /** The sweep's largest payload, 1 MiB, moves whole. */
    static final int MAX_CHUNK = 1 << 20;
    /** Aeron's smallest term length, and a ring of that size takes 8 KiB messages. */
    private static final int MIN_BUFFER = 64 * 1024;

    private EighthRule() {
    }

    static int chunk(int payload) {
        return Math.min(payload, MAX_CHUNK);
    }

    /** The power-of-two buffer whose eighth holds a chunk of {@code payload}. */
    static int buffer(int payload) {
        int eighth = Integer.highestOneBit(Math.max(1, chunk(payload) - 1)) << 1;
        return Math.max(MIN_BUFFER, eighth * 8);
    }
}
