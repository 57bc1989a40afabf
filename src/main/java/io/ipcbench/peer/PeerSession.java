package io.ipcbench.peer;

import java.io.IOException;

import io.ipcbench.core.PeerMode;
import io.ipcbench.core.TrialFailure;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.Workspace;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;

/**
 * One trial's pair, seen from the initiator: private directory, rendezvous, peer JVM, watchdog,
 * connected transport, the {@link Exchange} the benchmark drives and the {@link TrialRecord} the
 * profilers read. Opening it ends with a handshake. Ending it ({@link #end()}, in the thread that
 * measured) freezes the record and tells the peer to stop, checking its message count; releasing it
 * ({@link #release()}) removes everything the trial created, whatever state the peer is in.
 * {@link #close()} does both.
 */
public final class PeerSession implements AutoCloseable {
    private static final long EXIT_GRACE_MILLIS = 2_000;
    /** A transport error usually means the peer just died: give the kernel this long to say so. */
    private static final long DEATH_NOTICE_MILLIS = 500;

    private final TrialSpec spec;
    private final Workspace workspace;
    private final Rendezvous rendezvous;
    private final PeerProcess peer;
    private final Watchdog watchdog;
    private final Thread shutdownHook;
    private volatile Transport transport;
    private Exchange exchange;
    private TrialRecord record;
    private boolean failed;
    private boolean pinned;
    /** The thread last entered with the transport connected (its kernel id), or 0. */
    private int enteredTid;
    private volatile boolean ended;
    private boolean released;

    private PeerSession(TrialSpec spec) throws IOException {
        this.spec = spec;
        this.workspace = Workspace.create();
        TransportKind kind = spec.kind();
        Rendezvous prepared = null;
        PeerProcess started = null;
        try {
            prepared = kind.prepare(workspace, spec.payload());
            started = PeerProcess.start(spec, prepared, SilenceLimit.BASE_MILLIS);
            workspace.recordPeer(started.handle());
        } catch (IOException | RuntimeException e) {
            if (started != null) {
                started.kill();
            }
            if (prepared != null) {
                prepared.abort();
                prepared.close();
            }
            workspace.close();
            throw e;
        }
        this.rendezvous = prepared;
        this.peer = started;
        this.watchdog = new Watchdog(peer, SilenceLimit.millis(kind, spec.payload()), this::peerGone);
        this.shutdownHook = new Thread(this::emergencyCleanup, "ipc-bench-session-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the peer and connects to it; the handshake proves both directions work.
     *
     * @throws TrialFailure if the peer cannot start, attach or answer in time; nothing is left behind
     */
    public static PeerSession open(TrialSpec spec) {
        TrialRecord.releaseEnded(); // a trial that ended in this JVM and that no profiler released
        PeerSession session;
        try {
            session = new PeerSession(spec);
        } catch (IOException | RuntimeException e) {
            throw new TrialFailure(spec + ": cannot set up the trial: " + e.getMessage());
        }
        try {
            session.connect();
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void connect() {
        enterThread();
        record = new TrialRecord(this, spec.mode(), peer.pid());
        watchdog.begin();
        try {
            transport = rendezvous.accept(peer);
        } catch (Exception e) {
            throw failure("connecting", e);
        } finally {
            watchdog.end();
        }
        exchange = new Exchange(transport, watchdog, this, spec.payload(), record);
        record.connected(transport);
        exchange.hello();
        // both sides hold the channel now: its names (FIFOs, socket file, directory) can go
        rendezvous.close();
        workspace.dropNames();
    }

    public Exchange exchange() {
        return exchange;
    }

    /** The record the trial fills and its profilers read. */
    TrialRecord record() {
        return record;
    }

    /**
     * Makes the calling thread the one that drives the trial: pins it where the placement says and
     * binds thread-directed wake-ups to it. JMH may run an iteration on another thread than the
     * set-up, so the benchmarks call this at the start of every iteration; the thread already
     * entered is left as it is, so that an iteration's set-up allocates nothing.
     */
    public void enterThread() {
        int tid = Sys.gettid();
        if (tid == enteredTid) {
            return;
        }
        if (spec.placement().initiatorCpu() >= 0) {
            Sys.pinCurrentThread(spec.placement().initiatorCpu());
            pinned = true;
        }
        if (transport != null) {
            transport.bindToCurrentThread();
            enteredTid = tid;
        }
    }

    public long peerPid() {
        return peer.pid();
    }

    PeerMode mode() {
        return spec.mode();
    }

    String describe() {
        return spec.toString();
    }

    /** True once an operation of the trial failed. */
    boolean hasFailed() {
        return failed;
    }

    /** The one-line error for a failed operation: the peer's fate if known, else the operation's error. */
    TrialFailure failure(String during, Exception e) {
        failed = true;
        if (e instanceof TrialFailure failure) {
            return failure;
        }
        String cause = watchdog.failure();
        if (cause == null && peer.awaitExit(DEATH_NOTICE_MILLIS)) {
            cause = peer.exitDescription();
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new TrialFailure(spec + ": " + during + " failed: " + (cause != null ? cause + " (" + detail + ")" : detail));
    }

    /** From the watchdog thread: the peer is dead, wake whatever waits for it. */
    private void peerGone() {
        rendezvous.abort();
        Transport connected = transport;
        if (connected != null) {
            connected.peerGone();
        }
    }

    /**
     * Ends the trial, in the thread that measured it (the benchmark's tear-down): freezes its
     * record's readings, asks a healthy peer to stop (checking it received every message) and stops
     * watching it. Allocates nothing when all is well, because JMH runs the tear-down inside the
     * last measured iteration; what does allocate is left to {@link #release()}, which runs once the
     * iteration is over (see {@link TrialRecord}). On a failure it releases at once.
     *
     * @throws TrialFailure if the peer's count of received messages disagrees
     */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (record != null) {
            record.end(); // before the peer stops: the last iteration's CPU window ends here
        }
        TrialFailure failure = null;
        boolean stopped = false;
        try {
            if (exchange != null && !failed && peer.isAlive() && watchdog.failure() == null) {
                exchange.stop();
                stopped = true;
            }
        } catch (TrialFailure e) {
            failure = e;
        } finally {
            watchdog.close(); // the peer exits now: that is no failure
            if (pinned) {
                Sys.unpinCurrentThread(); // the thread may outlive the trial (tests, JMH's pool)
                pinned = false;
            }
        }
        if (!stopped) {
            release(); // a trial that failed or whose peer is gone: nothing is measured any more
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Makes sure the ended trial's peer is gone and removes everything the trial created. Once,
     * from any thread, after {@link #end()}: from the first profiler that reads the ended trial,
     * the next trial's opening, {@link #close()} or the JVM's exit.
     */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        watchdog.close();
        peer.stop(EXIT_GRACE_MILLIS);
        peerGone();
        if (transport != null) {
            transport.close();
        }
        rendezvous.close();
        workspace.close();
        removeShutdownHook();
    }

    /**
     * Ends the trial and releases it at once.
     *
     * @throws TrialFailure if the peer's count of received messages disagrees
     */
    @Override
    public void close() {
        try {
            end();
        } finally {
            release();
        }
    }

    /**
     * If the JVM is stopped mid-trial (SIGTERM, SIGINT), the peer and the trial's objects go with
     * it: peerGone() removes semaphores and queues. The transport is not closed here unless the
     * trial has ended: the measuring thread may still be using it, and a segment detached under it
     * would crash the JVM; the kernel detaches at exit, and the segment is already marked for removal.
     */
    private void emergencyCleanup() {
        if (ended) {
            release(); // ended, and no profiler released it: the measuring thread is done with the channel
            return;
        }
        peer.kill();
        peerGone();
        rendezvous.close();
        workspace.close();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
