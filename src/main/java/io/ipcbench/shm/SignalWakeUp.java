package io.ipcbench.shm;

import java.io.IOException;
import java.lang.invoke.VarHandle;

import net.openhft.chronicle.bytes.PointerBytesStore;

import io.ipcbench.nativeio.NativeMemory;
import io.ipcbench.nativeio.Signals;
import io.ipcbench.nativeio.Sys;

/**
 * {@code shm-signal}: the tutorial's SIGUSR1 wake-up, done right. The waiting thread blocks a
 * real-time signal and sleeps in sigtimedwait; the other side, after publishing, aims the signal at
 * exactly that thread with tgkill (pid and tid are in the segment header, no FIFO needed).
 *
 * <p>Signals only when the other side may sleep: the sleeper raises a flag in the segment before
 * re-checking the ring, and the publisher fences before reading the flag (Dekker), so either the
 * sleeper sees the message or the publisher sees the flag. A signal that arrives before the wait
 * stays pending, so no wake-up is lost; a spurious one costs one loop.
 */
final class SignalWakeUp implements WakeUp {
    private static final long SLICE_NANOS = 200_000_000L;

    private final PointerBytesStore header;
    private final long ownPid;
    private final long ownTid;
    private final long otherPid;
    private final long otherTid;
    private final NativeMemory signalSet = Signals.setOf(Signals.WAKE_UP);
    private final NativeMemory slice = new NativeMemory(16);
    private volatile boolean gone;

    private SignalWakeUp(Segment segment, boolean initiator) {
        this.header = segment.bytes();
        this.ownPid = initiator ? SegmentLayout.INITIATOR_PID_OFFSET : SegmentLayout.PEER_PID_OFFSET;
        this.ownTid = initiator ? SegmentLayout.INITIATOR_TID_OFFSET : SegmentLayout.PEER_TID_OFFSET;
        this.otherPid = initiator ? SegmentLayout.PEER_PID_OFFSET : SegmentLayout.INITIATOR_PID_OFFSET;
        this.otherTid = initiator ? SegmentLayout.PEER_TID_OFFSET : SegmentLayout.INITIATOR_TID_OFFSET;
        slice.putLong(8, SLICE_NANOS);
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
    public void awaitData(Ring ring) throws IOException {
        if (ring.hasData()) {
            return;
        }
        ring.setReaderWaiting(true);
        try {
            while (!ring.hasData()) {
                sleep();
            }
        } finally {
            ring.setReaderWaiting(false);
        }
    }

    @Override
    public void published(Ring ring) {
        VarHandle.fullFence();
        if (ring.isReaderWaiting()) {
            wakeOtherSide();
        }
    }

    @Override
    public void awaitSpace(Ring ring) throws IOException {
        if (ring.hasSpace()) {
            return;
        }
        ring.setWriterWaiting(true);
        try {
            while (!ring.hasSpace()) {
                sleep();
            }
        } finally {
            ring.setWriterWaiting(false);
        }
    }

    @Override
    public void consumed(Ring ring) {
        VarHandle.fullFence();
        if (ring.isWriterWaiting()) {
            wakeOtherSide();
        }
    }

    private void sleep() throws IOException {
        if (!Signals.await(signalSet, slice.address()) && gone) {
            throw new IOException("shm-signal: the other side is gone");
        }
    }

    private void wakeOtherSide() {
        int tid = header.readVolatileInt(otherTid);
        if (tid != 0) {
            Sys.tgkill(header.readInt(otherPid), tid, Signals.WAKE_UP);
        }
    }

    @Override
    public void peerGone() {
        gone = true;
    }

    /**
     * The signal stays blocked in this thread: unblocking it with a wake-up still pending would let
     * the signal's default action end the JVM.
     */
    @Override
    public void close() {
    }
}
