package io.ipcbench.shm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.Placement;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.DescriptorPassing;
import io.ipcbench.nativeio.HugePages;
import io.ipcbench.nativeio.IoUring;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.Workspace;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;

/**
 * The shared-memory transports: one segment and layout, one ring logic, composed with a wake-up
 * strategy, over System V memory ({@code shm-*}) or a memfd ({@code memfd-ring}, {@code io-uring}).
 * The peer is told the segment id (and the semaphore set id), or the path of the socket that hands
 * it the descriptors it needs (eventfds, the memfd; io-uring's peer answers there with its rings);
 * all are useless to other users, as the objects are 0600 and the socket is in a 0700 directory.
 */
public final class ShmKind implements TransportKind {
    /** The wake-up strategies, by the name of their transport over System V memory. */
    public enum Strategy {
        SIGNAL("shm-signal"), SEMAPHORE("shm-sem"), SPIN("shm-spin"), FUTEX("shm-futex"), EVENTFD("shm-eventfd"), IO_URING("io-uring");

        private final String transportName;

        Strategy(String transportName) {
            this.transportName = transportName;
        }

        /** How many descriptors the peer must be handed for this wake-up. */
        int descriptors() {
            return switch (this) {
                case EVENTFD -> EventFdWakeUp.DESCRIPTORS;
                default -> 0;
            };
        }
    }

    /** Where the segment's memory comes from ({@link SegmentMemory}). */
    public enum Memory {
        /** A System V segment, attached by its id. */
        SYSTEM_V,
        /** A sealed memfd handed over as a descriptor. */
        MEMFD
    }

    /** The option that puts a memfd ring in huge pages: {@code -p transport=memfd-ring:hugetlb}. */
    public static final String HUGETLB = "hugetlb";
    /** The socket file (in the private directory) that hands the peer its descriptors. */
    static final String SOCKET = "descriptors.sock";

    private final String name;
    private final Strategy strategy;
    private final Memory memory;
    private final boolean hugetlb;
    private final WaitMode wait;
    private final Capacity capacity;

    /** A ring over System V memory, named after its wake-up ({@code shm-futex}). */
    public ShmKind(Strategy strategy) {
        this(strategy.transportName, strategy, Memory.SYSTEM_V);
    }

    /** A ring named {@code name} over {@code memory}, woken by {@code strategy}. */
    public ShmKind(String name, Strategy strategy, Memory memory) {
        this(name, strategy, memory, false, strategy == Strategy.SPIN ? WaitMode.SPIN : WaitMode.BLOCK, Capacity.DEFAULT);
    }

    private ShmKind(String name, Strategy strategy, Memory memory, boolean hugetlb, WaitMode wait, Capacity capacity) {
        this.name = name;
        this.strategy = strategy;
        this.memory = memory;
        this.hugetlb = hugetlb;
        this.wait = wait;
        this.capacity = capacity;
    }

    /**
     * {@code hugetlb}: a memfd ring in huge pages (MFD_HUGETLB), which come only from the pool
     * reserved by vm.nr_hugepages; {@link #checkPayload} refuses a trial the pool cannot hold.
     */
    @Override
    public TransportKind option(String option) {
        if (memory == Memory.MEMFD && option.equals(HUGETLB)) {
            return new ShmKind(name + ":" + HUGETLB, strategy, memory, true, wait, capacity);
        }
        return TransportKind.super.option(option);
    }

    /**
     * Refused before the trial starts, in one line naming the kernel setting: {@code io-uring} where
     * io_uring is disabled or lacks IORING_OP_MSG_RING; a memfd ring in huge pages where too few are
     * reserved.
     */
    @Override
    public void checkPayload(int payload) {
        if (strategy == Strategy.IO_URING) {
            String refusal = IoUring.refusal(IoUring.IORING_OP_MSG_RING, "IORING_OP_MSG_RING", "5.18");
            if (!refusal.isEmpty()) {
                throw new IllegalArgumentException(name + " cannot run here: " + refusal);
            }
        }
        if (hugetlb) {
            String refusal = HugePages.refusal(name + " (payload " + payload + ")", layout(payload).size());
            if (!refusal.isEmpty()) {
                throw new IllegalArgumentException(refusal);
            }
        }
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
        return other.equals(capacity) ? this : new ShmKind(name, strategy, memory, hugetlb, wait, other);
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
        return new ShmKind(name, strategy, memory, hugetlb, other, capacity);
    }

    @Override
    public String name() {
        return name;
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
        SegmentLayout layout = layout(payload);
        Segment segment = Segment.create(memory == Memory.SYSTEM_V ? SysVMemory.create(layout.size(), workspace)
                : MemfdMemory.create(layout.size(), hugetlb), layout);
        WakeUp wakeUp;
        try {
            wakeUp = switch (strategy) {
                case SIGNAL -> SignalWakeUp.create(segment);
                case SEMAPHORE -> SemaphoreWakeUp.create(segment.layout().slots(), wait);
                case SPIN -> new SpinWakeUp();
                case FUTEX -> new FutexWakeUp(segment);
                case EVENTFD -> EventFdWakeUp.create();
                case IO_URING -> IoUringWakeUp.awaitingPeer();
            };
            if (wakeUp instanceof SemaphoreWakeUp semaphores) {
                workspace.recordSysV("sem", semaphores.semid());
            }
        } catch (RuntimeException e) {
            segment.discard();
            throw e;
        }
        ShmTransport transport = new ShmTransport(segment, true, polled(wakeUp));
        int[] descriptors = descriptors(segment, wakeUp);
        Path socket = workspace.resolve(SOCKET);
        // after the handshake both sides are attached: the segment can be marked for removal (a memfd's descriptor closed)
        Rendezvous attached = new AttachByIdRendezvous(address(segment, wakeUp.address(), descriptors.length > 0 ? socket.toString() : ""),
                transport, segment::markRemoved);
        if (descriptors.length == 0) {
            return attached;
        }
        try {
            return new DescriptorRendezvous(attached, name, socket, descriptors,
                    wakeUp instanceof IoUringWakeUp rings ? (connection, peer, what) -> rings.takeFromPeer(connection, peer.pid(), what) : null);
        } catch (RuntimeException e) {
            attached.close();
            throw e;
        }
    }

    /** What the peer is handed: the memfd, then the wake-up's descriptors. */
    private static int[] descriptors(Segment segment, WakeUp wakeUp) {
        int[] own = wakeUp.descriptors();
        if (!(segment.memory() instanceof MemfdMemory memfd)) {
            return own;
        }
        int[] all = new int[own.length + 1];
        all[0] = memfd.fd();
        System.arraycopy(own, 0, all, 1, own.length);
        return all;
    }

    /** {@code <shmid or "memfd">[/<wake-up's address>][/<socket>]}: the socket's path comes last, as it holds slashes. */
    private static String address(Segment segment, String wakeUp, String socket) {
        String id = segment.memory() instanceof SysVMemory sysV ? String.valueOf(sysV.shmid()) : "memfd";
        return id + (wakeUp.isEmpty() ? "" : "/" + wakeUp) + (socket.isEmpty() ? "" : "/" + socket);
    }

    /** The announced wake-ups poll the ring first under spin and backoff; shm-sem polls its semaphores itself. */
    private WakeUp polled(WakeUp wakeUp) {
        return wait.polls() && wakeUp instanceof AnnouncedWakeUp ? new PolledWakeUp(wakeUp, wait, name()) : wakeUp;
    }

    @Override
    public Transport attach(String address, int payload) throws IOException {
        int count = (memory == Memory.MEMFD ? 1 : 0) + strategy.descriptors();
        String[] parts = address.split("/", strategy == Strategy.SEMAPHORE || count > 0 ? 2 : 1);
        int connection = count > 0 ? DescriptorPassing.connect(Path.of(parts[1])) : -1;
        try {
            String what = name + " socket " + (count > 0 ? parts[1] : "");
            int[] fds = count > 0 ? DescriptorPassing.receive(connection, count, HANDOVER_MILLIS, what) : new int[0];
            int next = 0;
            Segment segment;
            try {
                SegmentMemory mapped = memory == Memory.SYSTEM_V ? SysVMemory.attach(Integer.parseInt(parts[0]), layout(payload).size())
                        : MemfdMemory.adopt(fds[next++], layout(payload).size());
                segment = Segment.attach(mapped, layout(payload));
            } catch (IOException | RuntimeException e) {
                for (int i = next; i < fds.length; i++) {
                    Sys.close(fds[i]);
                }
                throw e;
            }
            int[] wakeUpFds = Arrays.copyOfRange(fds, next, fds.length);
            try {
                WakeUp wakeUp = switch (strategy) {
                    case SIGNAL -> SignalWakeUp.attach(segment);
                    case SEMAPHORE -> SemaphoreWakeUp.attach(parts[1], wait);
                    case SPIN -> new SpinWakeUp();
                    case FUTEX -> new FutexWakeUp(segment);
                    case EVENTFD -> EventFdWakeUp.attach(wakeUpFds);
                    case IO_URING -> IoUringWakeUp.attach(connection, what);
                };
                return new ShmTransport(segment, false, polled(wakeUp));
            } catch (RuntimeException e) {
                segment.close();
                throw e;
            }
        } finally {
            if (connection >= 0) {
                Sys.close(connection);
            }
        }
    }

    private static final int HANDOVER_MILLIS = 10_000;

}
