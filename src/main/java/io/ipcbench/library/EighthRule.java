package io.ipcbench.library;

/**
 * Sizes shared by Agrona's ring buffer and Aeron's log: both take a message of at most an eighth of
 * their buffer (a ring's capacity, a log's term), in powers of two. A payload up to {@link #MAX_CHUNK}
 * moves as one message; a larger one in chunks of it, as the message queues do, so the buffers stay
 * at 8 MiB a direction whatever the payload.
 *
 * <p>Beyond that minimum of 8 messages a buffer holds as many as the shm ring does — 64, up to the
 * shm ring's 4 MiB — so that the libraries and our ring are compared at the same depth: with 8
 * messages of 64 KiB agrona-ring streamed 457–459 k messages/s, with 64 of them 810–824 k, beside
 * shm-spin's 833–852 k in the same minutes.
 */
final class EighthRule {
    /** The sweep's largest payload, 1 MiB, moves whole. */
    static final int MAX_CHUNK = 1 << 20;
    /** Aeron's smallest term length, and a ring of that size takes 8 KiB messages. */
    private static final int MIN_BUFFER = 64 * 1024;
    /** The shm ring's depth in messages and its bytes (SegmentLayout.MAX_SLOTS and RING_BYTES). */
    private static final int RING_MESSAGES = 64;
    private static final int RING_BYTES = 4 << 20;

    private EighthRule() {
    }

    static int chunk(int payload) {
        return Math.min(payload, MAX_CHUNK);
    }

    /**
     * The power-of-two buffer whose eighth holds a chunk of {@code payload}, and which holds as many
     * chunks as the shm ring would (64, within its 4 MiB).
     */
    static int buffer(int payload) {
        int eighth = Integer.highestOneBit(Math.max(1, chunk(payload) - 1)) << 1;
        int asDeepAsTheShmRing = Math.min(eighth * RING_MESSAGES, RING_BYTES);
        return Math.max(MIN_BUFFER, Math.max(eighth * 8, asDeepAsTheShmRing));
    }
}
