package io.ipcbench.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.ipcbench.hygiene.ParentWatch;
import io.ipcbench.core.PeerMode;
import io.ipcbench.library.ChronicleStartup;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.peer.Exchange;
import io.ipcbench.peer.PeerProcess;
import io.ipcbench.peer.PeerSession;

/**
 * What both benchmarks share: the parameters that pick a mechanism, a payload and a placement, and
 * a peer process for the whole trial. The benchmarks know no mechanism; the parameters select it.
 *
 * <p>Parameters are strings so that a bad value gets the suite's one-line error, not a conversion
 * error.
 */
@State(Scope.Thread)
public abstract class PairBenchmark {
    static {
        // before the floor probe or a transport first loads Chronicle (why: ChronicleStartup)
        ChronicleStartup.skipPosixBinding();
        if (ParentWatch.isJmhFork()) {
            PeerProcess.prestart(); // its JVM starts while JMH and the trial's set-up do
        }
    }

    /**
     * The mechanism, by its registry name. No list here: the transports live in
     * {@code registry.TransportRegistry} alone, and the launcher ({@code mvn jmh:run}) passes its
     * default sweep as {@code -p transport=} when none is given. JMH run without the launcher and
     * without {@code -p transport=} refuses before any fork ("defines the parameter transport, but no
     * default values").
     */
    @Param({})
    public String transport;

    /** Bytes per message, each way. */
    @Param({"64", "1024", "4096", "65536", "1048576"})
    public String payload;

    /** cross-core, same-core or unpinned. */
    @Param({"cross-core"})
    public String placement;

    /**
     * How both sides wait for data or room (core.WaitMode): block, spin, backoff or
     * backoff:&lt;µs&gt;; {@code default} is each transport as it waits by design (block; spin for
     * shm-spin and the library rings, which cannot block).
     */
    @Param({"default"})
    public String wait;

    /**
     * The bytes each direction of the channel holds (core.Capacity): {@code default} is each
     * mechanism's own buffer; a number asks every mechanism for that many, and the trial records
     * what it got as capacity.bytes.
     */
    @Param({"default"})
    public String capacity;

    protected PeerSession session;
    protected Exchange exchange;
    protected int payloadBytes;

    /** ECHO for round trips, SINK for streaming. */
    protected abstract PeerMode peerMode();

    @Setup(Level.Trial)
    public void startPeer() {
        if (ParentWatch.isJmhFork()) {
            // a fork whose launcher was killed would otherwise run to the end of its iteration
            ParentWatch.exitWhenParentDies("ipc-bench JMH fork", 1);
        }
        TrialSpec spec = TrialSpec.parse(transport, payload, placement, peerMode(), wait, capacity);
        payloadBytes = spec.payload();
        session = PeerSession.open(spec);
        exchange = session.exchange();
    }

    /** JMH may run an iteration on another thread than the set-up: pin and bind whichever runs it. */
    @Setup(Level.Iteration)
    public void enterThread() {
        session.enterThread();
    }

    /**
     * After every iteration of a one-way trial (outside its timing): the peer's one-way latencies of
     * the iteration come back to this fork, for the latency profiler's {@code oneway.*}. Nothing in a
     * round-trip trial.
     */
    @TearDown(Level.Iteration)
    public void collectOneWay() {
        if (exchange != null) {
            exchange.collectOneWay();
        }
    }

    /**
     * Ends the trial: JMH runs this inside the last measured iteration, so it only ends it (readings
     * frozen, the peer's count checked: nothing allocated); the suite's profilers release it (peer
     * stopped, objects removed) once that iteration is over (peer.TrialRecord).
     */
    @TearDown(Level.Trial)
    public void stopPeer() {
        if (session != null) {
            session.end();
        }
    }
}
