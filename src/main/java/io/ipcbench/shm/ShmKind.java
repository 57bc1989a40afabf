package io.ipcbench.shm;

import java.io.IOException;
import java.nio.file.Path;

import io.ipcbench.core.Placement;
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

    public ShmKind(Strategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public String name() {
        return strategy.transportName;
    }

    /** Messages larger than a slot travel in slot-sized chunks (see {@link SegmentLayout#MAX_SLOT_SIZE}). */
    @Override
    public int chunkSize(int payload) {
        return Math.min(payload, SegmentLayout.forMessages(payload).slotSize());
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
        Segment segment = Segment.create(SegmentLayout.forMessages(payload));
        WakeUp wakeUp;
        try {
            workspace.recordSysV("shm", segment.shmid());
            wakeUp = switch (strategy) {
                case SIGNAL -> SignalWakeUp.create(segment);
                case SEMAPHORE -> SemaphoreWakeUp.create(segment.layout().slots());
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
        ShmTransport transport = new ShmTransport(segment, true, wakeUp);
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

    @Override
    public Transport attach(String address, int payload) throws IOException {
        String[] parts = address.split("/", 2);
        Segment segment = Segment.attach(Integer.parseInt(parts[0]), payload);
        try {
            WakeUp wakeUp = switch (strategy) {
                case SIGNAL -> SignalWakeUp.attach(segment);
                case SEMAPHORE -> SemaphoreWakeUp.attach(parts[1]);
                case SPIN -> new SpinWakeUp();
                case FUTEX -> new FutexWakeUp(segment);
                case EVENTFD -> EventFdWakeUp.attach(parts[1]);
            };
            return new ShmTransport(segment, false, wakeUp);
        } catch (IOException | RuntimeException e) {
            segment.close();
            throw e;
        }
    }
}
