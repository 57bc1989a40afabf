package io.ipcbench.shm;

import java.io.IOException;
import java.nio.file.Path;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.Placement;
import io.ipcbench.core.WaitMode;
import io.ipcbench.transport.Workspace;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;

/**
 * The shared-memory transports: one segment and layout, one ring logic, composed with a wake-up
 * strategy. The peer is told the segment id (and the semaphore set id, or the path of the socket
 * that hands it the eventfds); all are useless to other users, as the objects are 0600 and the
 * socket is in a 0700 directory.
 */
public final class ShmKind implements TransportKind {
    /** The wake-up strategies, by transport name. */
    public enum Strategy {
        SIGNAL("shm-signal"), SEMAPHORE("shm-sem"), SPIN("shm-spin"), FUTEX("shm-futex"), EVENTFD("shm-eventfd");

        private final String transportName;

        Strategy(String transportName) {
            this.transportName = transportName;
        }
    }

    private final Strategy strategy;
    private final WaitMode wait;
    private final Capacity capacity;

    public ShmKind(Strategy strategy) {
        this(strategy, strategy == Strategy.SPIN ? WaitMode.SPIN : WaitMode.BLOCK, Capacity.DEFAULT);
    }

    private ShmKind(Strategy strategy, WaitMode wait, Capacity capacity) {
        this.strategy = strategy;
        this.wait = wait;
        this.capacity = capacity;
    }

    @Override
    public WaitMode waitMode() {
        return wait;
    }

    @Override
    public Capacity capacity() {
        return capacity;
    }

    /** Every wake-up's rings hold {@code other} bytes each ({@link SegmentLayout#forMessages(int, Capacity)}). */
    @Override
    public TransportKind holding(Capacity other) {
        return other.equals(capacity) ? this : new ShmKind(strategy, wait, other);
    }

    private SegmentLayout layout(int payload) {
        return SegmentLayout.forMessages(payload, capacity);
    }

    /**
     * Every wake-up runs every wait: under spin and backoff a side polls the ring (shm-sem: its
     * semaphores) before it would sleep ({@link PolledWakeUp}). {@code shm-spin} is the ring polled
     * on its counters by design, i.e. wait=spin, and takes nothing else.
     */
    @Override
    public TransportKind waiting(WaitMode other) {
        if (other.equals(wait)) {
            return this;
        }
        if (strategy == Strategy.SPIN) {
            throw new IllegalArgumentException("shm-spin cannot run wait=" + other.label() + ": it is the ring polled on its counters,"
                    + " wait=spin by design; the same ring sleeps in shm-signal, shm-sem, shm-futex and shm-eventfd, which take -p wait="
                    + other.label());
        }
        return new ShmKind(strategy, other, capacity);
    }

    @Override
    public String name() {
        return strategy.transportName;
    }

    /** Messages larger than a slot travel in slot-sized chunks (see {@link SegmentLayout#MAX_SLOT_SIZE}). */
    @Override
    public int chunkSize(int payload) {
        return Math.min(payload, layout(payload).slotSize());
    }

    @Override
    public void checkPlacement(Placement placement) {
        if (strategy == Strategy.SPIN && placement == Placement.SAME_CORE) {
            throw new IllegalArgumentException("shm-spin cannot run same-core: each side spins on a whole CPU, "
                    + "so sharing one would only measure the scheduler; use cross-core or unpinned");
        }
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) {
        Segment segment = Segment.create(layout(payload));
        WakeUp wakeUp;
        try {
            workspace.recordSysV("shm", segment.shmid());
            wakeUp = switch (strategy) {
                case SIGNAL -> SignalWakeUp.create(segment);
                case SEMAPHORE -> SemaphoreWakeUp.create(segment.layout().slots(), wait);
                case SPIN -> new SpinWakeUp();
                case FUTEX -> new FutexWakeUp(segment);
                case EVENTFD -> EventFdWakeUp.create(workspace.resolve(EventFdWakeUp.SOCKET));
            };
            if (wakeUp instanceof SemaphoreWakeUp semaphores) {
                workspace.recordSysV("sem", semaphores.semid());
            }
        } catch (RuntimeException e) {
            segment.markRemoved();
            segment.close();
            throw e;
        }
        ShmTransport transport = new ShmTransport(segment, true, polled(wakeUp));
        String extra = wakeUp.address();
        // after the handshake both sides are attached: the segment can be marked for removal
        Rendezvous attached = new AttachByIdRendezvous(segment.shmid() + (extra.isEmpty() ? "" : "/" + extra), transport,
                segment::markRemoved);
        if (!(wakeUp instanceof EventFdWakeUp eventFds)) {
            return attached;
        }
        try {
            return new DescriptorRendezvous(attached, Path.of(extra), eventFds.descriptors());
        } catch (RuntimeException e) {
            attached.close();
            throw e;
        }
    }

    /** The announced wake-ups poll the ring first under spin and backoff; shm-sem polls its semaphores itself. */
    private WakeUp polled(WakeUp wakeUp) {
        return wait.polls() && wakeUp instanceof AnnouncedWakeUp ? new PolledWakeUp(wakeUp, wait, name()) : wakeUp;
    }

    @Override
    public Transport attach(String address, int payload) throws IOException {
        String[] parts = address.split("/", 2);
        Segment segment = Segment.attach(Integer.parseInt(parts[0]), layout(payload));
        try {
            WakeUp wakeUp = switch (strategy) {
                case SIGNAL -> SignalWakeUp.attach(segment);
                case SEMAPHORE -> SemaphoreWakeUp.attach(parts[1], wait);
                case SPIN -> new SpinWakeUp();
                case FUTEX -> new FutexWakeUp(segment);
                case EVENTFD -> EventFdWakeUp.attach(parts[1]);
            };
            return new ShmTransport(segment, false, polled(wakeUp));
        } catch (IOException | RuntimeException e) {
            segment.close();
            throw e;
        }
    }
}
