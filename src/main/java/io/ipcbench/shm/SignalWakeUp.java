package io.ipcbench.shm;

import net.openhft.chronicle.bytes.PointerBytesStore;

import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.nativeio.Signals;
import io.ipcbench.nativeio.Sys;

/**
 * {@code shm-signal}: the tutorial's SIGUSR1 wake-up, done right. The waiting thread blocks a
 * real-time signal and sleeps in sigtimedwait; the other side, after publishing, aims the signal at
 * exactly that thread with tgkill (pid and tid are in the segment header, no FIFO needed).
 *
 * <p>Signals only when the other side may sleep ({@link AnnouncedWakeUp}). A signal that arrives
 * before the wait stays pending, so no wake-up is lost; a spurious one costs one loop.
 */
final class SignalWakeUp extends AnnouncedWakeUp {
    private final PointerBytesStore header;
    private final long ownPid;
    private final long ownTid;
    private final long otherPid;
    private final long otherTid;
    private final NativeMemory signalSet = Signals.setOf(Signals.WAKE_UP);
    private final NativeMemory slice = sliceTimespec();

    private SignalWakeUp(Segment segment, boolean initiator) {
        super("shm-signal");
        this.header = segment.bytes();
        this.ownPid = initiator ? SegmentLayout.INITIATOR_PID_OFFSET : SegmentLayout.PEER_PID_OFFSET;
        this.ownTid = initiator ? SegmentLayout.INITIATOR_TID_OFFSET : SegmentLayout.PEER_TID_OFFSET;
        this.otherPid = initiator ? SegmentLayout.PEER_PID_OFFSET : SegmentLayout.INITIATOR_PID_OFFSET;
        this.otherTid = initiator ? SegmentLayout.PEER_TID_OFFSET : SegmentLayout.INITIATOR_TID_OFFSET;
        bindToCurrentThread();
    }

    static SignalWakeUp create(Segment segment) {
        return new SignalWakeUp(segment, true);
    }

    static SignalWakeUp attach(Segment segment) {
        return new SignalWakeUp(segment, false);
    }

    /** Blocks the signal in this thread and publishes its tid: signals for this side now come here. */
    @Override
    public void bindToCurrentThread() {
        Signals.blockInCurrentThread(signalSet);
        header.writeInt(ownPid, Sys.getpid());
        header.writeVolatileInt(ownTid, Sys.gettid());
    }

    @Override
    boolean sleep(Ring ring, Wait wait, int ticket) {
        return Signals.await(signalSet, slice.address());
    }

    /** Aims the signal at the other side's bound thread. */
    @Override
    void wake(Ring ring, Wait wait) {
        int tid = header.readVolatileInt(otherTid);
        if (tid != 0) {
            Sys.tgkill(header.readInt(otherPid), tid, Signals.WAKE_UP);
        }
    }

    /**
     * The signal stays blocked in this thread: unblocking it with a wake-up still pending would let
     * the signal's default action end the JVM.
     */
    @Override
    public void close() {
    }
}
