package io.ipcbench.shm;

import java.io.IOException;

/**
 * How a side that finds its ring empty (or full) waits, and how the other side wakes it: the only
 * thing the shared-memory transports do differently. The ring, the copies and the flow
 * control are {@link ShmTransport}'s, the same for all.
 */
interface WakeUp extends AutoCloseable {

    /** Returns once {@code ring.hasData()}; throws if the other side is gone. */
    void awaitData(Ring ring) throws IOException;

    /** A message was published on {@code ring}: wake its reader if it may sleep. */
    void published(Ring ring);

    /** Returns once {@code ring.hasSpace()}; throws if the other side is gone. */
    void awaitSpace(Ring ring) throws IOException;

    /** A slot of {@code ring} was freed: wake its writer if it may sleep. */
    void consumed(Ring ring);

    /** The calling thread will do this side's waiting from now on. */
    default void bindToCurrentThread() {
    }

    /** From another thread: the other side is dead; end every wait. Idempotent. */
    void peerGone();

    /**
     * How many times a sleep ran out while what it waited for was already there: lost wake-ups, 0
     * unless the protocol is broken. Read by the waiting thread; 0 where nobody sleeps.
     */
    default long missedWakeUps() {
        return 0;
    }

    /** What the peer needs to attach to this strategy's objects (appended to the segment id), or "". */
    default String address() {
        return "";
    }

    /** Initiator: the descriptors the peer must be handed (SCM_RIGHTS, {@link DescriptorRendezvous}); none by default. */
    default int[] descriptors() {
        return new int[0];
    }

    @Override
    void close();
}
