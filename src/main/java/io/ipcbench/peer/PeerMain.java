package io.ipcbench.peer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ipcbench.library.ChronicleStartup;
import io.ipcbench.core.Message;
import io.ipcbench.hygiene.ParentWatch;
import io.ipcbench.core.PeerMode;
import io.ipcbench.core.Protocol;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.transport.Transport;

/**
 * The peer process: attaches to the initiator's rendezvous, then receives every message, checks
 * its sequence number at both ends, and echoes it (round trip) or times it from its send stamp
 * (one way: stream and paced one-way load, {@link OneWayReply}) until told to stop.
 *
 * <p>It never outlives the initiator: a daemon thread watches the parent and exits (running the
 * shutdown hooks that remove kernel objects) as soon as the parent is gone, however it died.
 * Errors go to standard error as one line, and the exit code is non-zero.
 */
public final class PeerMain {
    /** Printed on standard error before anything else of ours: the JVM runs our code. */
    public static final String STARTED = "ipc-bench-peer started";
    /** The only argument of a peer started ahead of its trial, which reads its arguments on standard input. */
    static final String STANDBY = "--standby";
    static final int EXIT_FAILED = 3;
    static final int EXIT_ORPHANED = 4;
    /** The attached transport, for removing its kernel objects if the initiator dies. */
    private static volatile Transport attached;
    private static volatile boolean finished;

    private PeerMain() {
    }

    static List<String> arguments(TrialSpec spec, String address) {
        return List.of("--transport=" + spec.transport(), "--mode=" + spec.mode().name().toLowerCase(),
                "--payload=" + spec.payload(), "--placement=" + spec.placement().label(), "--wait=" + spec.waitMode().label(),
                "--capacity=" + spec.capacity().label(), "--rendezvous=" + address);
    }

    public static void main(String[] args) {
        ChronicleStartup.skipPosixBinding();
        PrintStream err = System.err;
        err.println(STARTED);
        err.flush();
        // it never outlives the initiator, however that one died
        ParentWatch.exitWhenParentDies("ipc-bench peer", EXIT_ORPHANED);
        Runtime.getRuntime().addShutdownHook(new Thread(PeerMain::abandon, "ipc-bench-peer-cleanup"));
        String transportName = "?";
        try {
            if (args.length == 1 && args[0].equals(STANDBY)) {
                args = standBy();
            }
            Map<String, String> options = parse(args);
            transportName = options.get("transport");
            TrialSpec spec = TrialSpec.parse(transportName, options.get("payload"), options.get("placement"),
                    PeerMode.parse(options.get("mode")), options.get("wait"), options.get("capacity"));
            if (spec.placement().peerCpu() >= 0) {
                Sys.pinCurrentThread(spec.placement().peerCpu());
            }
            try (Transport transport = spec.kind().attach(options.get("rendezvous"), spec.payload())) {
                attached = transport;
                serve(transport, spec);
                finished = true;
            }
        } catch (Exception e) {
            err.println("ipc-bench peer (" + transportName + "): " + e.getMessage());
            err.flush();
            System.exit(EXIT_FAILED);
        }
        System.exit(0);
    }

    /**
     * A peer started ahead of its trial (PeerProcess.prestart): loads what every trial's peer loads
     * (JNA is loaded by the parent watch already; the registry here), then waits for its arguments on
     * standard input, one a line, up to the end of input. No arguments (the fork ended without a
     * trial): exits quietly.
     */
    private static String[] standBy() throws IOException {
        TransportRegistry.names();
        String[] args = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().toArray(String[]::new);
        if (args.length == 0) {
            System.exit(0);
        }
        return args;
    }

    private static void serve(Transport transport, TrialSpec spec) throws Exception {
        int length = spec.payload();
        Message message = transport.message(length);
        String what = spec.transport() + " peer";
        boolean sink = spec.mode() == PeerMode.SINK;
        OneWayReply oneWay = sink ? new OneWayReply() : null;
        long expected = 0;
        while (true) {
            transport.receive(message, length);
            // at once: a one-way message is timed to here; a stream's unsampled messages carry stamp 0 and are not timed
            long stamp = sink ? message.sentAt() : 0;
            long received = stamp != 0 ? System.nanoTime() : 0;
            long sequence = message.head();
            if (sequence == Protocol.HELLO) {
                message.verify(Protocol.HELLO, length, what);
                transport.send(message, length);
            } else if (sequence == Protocol.STOP) {
                message.verify(Protocol.STOP, length, what);
                message.stamp(expected, length);
                transport.send(message, length);
                return;
            } else if (sequence == Protocol.INTERVAL && sink) {
                message.verify(Protocol.INTERVAL, length, what);
                oneWay.reply(transport, message, length);
            } else {
                message.verify(expected, length, what);
                expected++;
                if (stamp != 0) {
                    oneWay.record(received, stamp);
                } else if (!sink) {
                    transport.send(message, length);
                }
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        for (String required : List.of("transport", "mode", "payload", "placement", "wait", "capacity", "rendezvous")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing --" + required + "=…");
            }
        }
        return options;
    }

    /**
     * On a way out other than a normal end (initiator gone, SIGTERM, SIGINT): remove the trial's
     * kernel objects that would otherwise outlive both processes (semaphores, message queues).
     * Not after a normal end, when the initiator may still be reading our last message.
     */
    private static void abandon() {
        Transport transport = attached;
        if (transport != null && !finished) {
            try {
                transport.peerGone();
            } catch (RuntimeException e) {
                System.err.println("ipc-bench peer: clean-up failed: " + e.getMessage());
            }
        }
    }
}
