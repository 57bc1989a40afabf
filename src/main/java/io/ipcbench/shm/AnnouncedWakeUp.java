package io.ipcbench.shm;

import java.io.IOException;
import java.lang.invoke.VarHandle;

import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.transport.Liveness;

/**
 * The protocol of the wake-ups in which a waiting side sleeps in the kernel and the other side
 * wakes it only when it may be asleep ({@code shm-signal}, {@code shm-futex}, {@code shm-eventfd});
 * the subclasses say only how to sleep and how to wake.
 *
 * <p>A side that finds its ring empty (or full) announces that it may sleep — the waiting flag in
 * its own line of the ring — then looks at the ring again, then sleeps. The other side, after
 * publishing (or freeing a slot), fences and reads the flag (Dekker): either the sleeper's second
 * look sees the message or the publisher sees the flag and wakes it. While both sides are busy
 * nobody enters the kernel to wake anyone.
 *
 * <p>A sleep lasts at most a slice ({@link Liveness#SLICE_NANOS}), after which the sleeper looks
 * at the ring again and at the {@link Liveness} that {@link #peerGone()} marks: a dead peer ends the
 * wait within a slice although nothing wakes it. A slice that ran out while what the side waits for was already there is a lost
 * wake-up: a broken protocol, not a slow peer (the peer may rightly send nothing for longer than a
 * slice). {@link #missedWakeUps()} counts them, and so does the segment, where the initiator reads
 * both sides' counts ({@link Ring#lostWakeUps()}, reported per iteration as {@code wakeup.lost}); it stays 0 (a slice that ran out in the microsecond
 * between the other side's publishing and its wake-up would count too: possible, but rare).
 */
abstract class AnnouncedWakeUp implements WakeUp {
    /** What a side waits for: data in the ring it reads, or space in the ring it writes. */
    enum Wait {
        DATA, SPACE
    }

    private final Liveness liveness;
    private long missedWakeUps; // the waiting thread's alone

    AnnouncedWakeUp(String transport) {
        this.liveness = new Liveness(transport);
    }

    /** A relative {@code struct timespec} of one slice, for the calls that take one. */
    static NativeMemory sliceTimespec() {
        NativeMemory slice = new NativeMemory(16);
        slice.putLong(0, Liveness.SLICE_NANOS / 1_000_000_000L);
        slice.putLong(8, Liveness.SLICE_NANOS % 1_000_000_000L);
        return slice;
    }

    /**
     * Read after the announcement and before the second look at the ring, and handed to
     * {@link #sleep}: what a futex compares its word with. 0 where the mechanism needs nothing.
     */
    int ticket(Ring ring, Wait wait) {
        return 0;
    }

    /** Sleeps until woken (or spuriously) or a slice has passed; false if the slice ran out. */
    abstract boolean sleep(Ring ring, Wait wait, int ticket) throws IOException;

    /** Wakes the other side, which has announced that it may sleep waiting for {@code wait} on {@code ring}. */
    abstract void wake(Ring ring, Wait wait);

    @Override
    public final void awaitData(Ring ring) throws IOException {
        await(ring, Wait.DATA);
    }

    @Override
    public final void published(Ring ring) {
        VarHandle.fullFence();
        if (ring.isReaderWaiting()) {
            wake(ring, Wait.DATA);
        }
    }

    @Override
    public final void awaitSpace(Ring ring) throws IOException {
        await(ring, Wait.SPACE);
    }

    @Override
    public final void consumed(Ring ring) {
        VarHandle.fullFence();
        if (ring.isWriterWaiting()) {
            wake(ring, Wait.SPACE);
        }
    }

    private void await(Ring ring, Wait wait) throws IOException {
        if (ready(ring, wait)) {
            return;
        }
        announce(ring, wait, true);
        try {
            while (true) {
                int ticket = ticket(ring, wait);
                if (ready(ring, wait)) {
                    return;
                }
                liveness.check();
                if (!sleep(ring, wait, ticket) && ready(ring, wait)) {
                    missedWakeUps++;
                    ring.countLostWakeUp(wait == Wait.DATA);
                }
            }
        } finally {
            announce(ring, wait, false);
        }
    }

    private static boolean ready(Ring ring, Wait wait) {
        return wait == Wait.DATA ? ring.hasData() : ring.hasSpace();
    }

    private static void announce(Ring ring, Wait wait, boolean waiting) {
        if (wait == Wait.DATA) {
            ring.setReaderWaiting(waiting);
        } else {
            ring.setWriterWaiting(waiting);
        }
    }

    /** Ends every wait within a slice. */
    @Override
    public final void peerGone() {
        liveness.markGone();
    }

    @Override
    public final long missedWakeUps() {
        return missedWakeUps;
    }
}
