package io.ipcbench.peer;

import io.ipcbench.transport.TransportKind;

/**
 * How long one operation may wait for a live peer before the peer counts as silent and is killed.
 *
 * <p>A fixed limit blamed the peer for the size of the work: a 512 MiB round trip, honest but
 * slow, was reported as "peer stopped answering". So the limit is a base that covers everything a
 * small message can meet (the peer JVM starting during the handshake, a GC pause, a descheduled
 * vCPU), plus what the payload's bytes and chunks may take at rates far below any measured. A dead
 * peer is noticed within a watchdog tick whatever the limit; only a live, stuck one waits this long.
 */
final class SilenceLimit {
    /** All a small message may take. */
    static final long BASE_MILLIS = 8_000;
    /**
     * The slowest a message's bytes are allowed to move one way: 100 MB/s, a sixth of the slowest
     * transport measured on the 2-vCPU guest (fifo, 256 MiB each way in 0.43 s), and slower than
     * first-touching fresh shared memory page by page (290 MB/s there).
     */
    static final long FLOOR_BYTES_PER_MILLI = 100_000;
    /**
     * The most one chunk's wake-up is allowed to take: message queues move 1 GiB in 131072 chunks of
     * 8 KiB, each of which may wake the other side (40–90 µs across CPUs on the guests measured).
     */
    static final long CHUNK_CEILING_MICROS = 200;

    private SilenceLimit() {
    }

    /** The limit for one operation of a {@code payload}-byte trial: a round trip moves the payload twice. */
    static long millis(TransportKind kind, int payload) {
        long chunks = (payload + kind.chunkSize(payload) - 1L) / kind.chunkSize(payload);
        long oneWayMillis = payload / FLOOR_BYTES_PER_MILLI + chunks * CHUNK_CEILING_MICROS / 1000;
        return BASE_MILLIS + 2 * oneWayMillis;
    }
}
