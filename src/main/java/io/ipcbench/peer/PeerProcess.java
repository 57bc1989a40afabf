package io.ipcbench.peer;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.ipcbench.registry.TrialSpec;
import io.ipcbench.transport.PeerHandle;
import io.ipcbench.transport.Rendezvous;

/**
 * The peer JVM, seen from the initiator: started with this JVM's class path and flags, told its
 * role by arguments, its standard output and error drained together into a short tail that error
 * messages quote. No transport uses the peer's standard streams: its JVM may write to stdout at any
 * time (warnings, {@code -Xlog:…:stdout}, {@code -XX:+Print…} flags), and the drain reads it all so
 * that the peer never blocks on a full pipe. Its standard input is {@code /dev/null}, except for
 * a peer started ahead of its trial ({@link #prestart()}), which reads its arguments there.
 */
public final class PeerProcess implements PeerHandle {
    /** Extra JVM flags for the peer only (e.g. {@code -Xmx64m}), from the system property of this name. */
    public static final String EXTRA_FLAGS_PROPERTY = "ipcbench.peer.jvmFlags";
    private static final int OUTPUT_LINES_KEPT = 20;

    /** The peer a JMH fork started ahead of its trial, until the trial claims it. */
    private static final AtomicReference<PeerProcess> STANDBY = new AtomicReference<>();

    private final Process process;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Deque<String> outputTail = new ArrayDeque<>();
    private final long startTimeoutMillis;

    private PeerProcess(Process process, long startTimeoutMillis) {
        this.process = process;
        this.startTimeoutMillis = startTimeoutMillis;
        Thread drain = new Thread(this::drainOutput, "ipc-bench-peer-output-" + process.pid());
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts the peer JVM before its trial is known, so that its start (JVM, JNA, the registry: ~0.6 s
     * of a quick fork's ~2.5) runs while the fork's JMH and the trial's set-up do, not after them.
     * For a JMH fork, which runs one trial: its peer waits for the trial's arguments on standard
     * input and exits at the end of input, so a fork that dies, or never gets to its trial, leaves no
     * peer behind. Nothing of the trial changes: the same JVM, flags and main class, told the same
     * arguments.
     */
    public static void prestart() {
        try {
            PeerProcess peer = start(PeerMain.class, List.of(PeerMain.STANDBY), Map.of(), SilenceLimit.BASE_MILLIS, true);
            if (!STANDBY.compareAndSet(null, peer)) {
                peer.kill();
            }
        } catch (IOException e) {
            // the trial starts its peer itself, as without a standby
        }
    }

    /** The standby peer, taken from where the next trial would claim it (for tests), or null. */
    static PeerProcess takeStandby() {
        return STANDBY.getAndSet(null);
    }

    /** The standby peer's pid, or -1 if there is none (for tests). */
    static long standbyPid() {
        PeerProcess standby = STANDBY.get();
        return standby == null ? -1 : standby.pid();
    }

    /** Ends the input of a standby peer: with no trial to run, it exits. */
    void endInput() throws IOException {
        process.getOutputStream().close();
    }

    static PeerProcess start(TrialSpec spec, Rendezvous rendezvous, long startTimeoutMillis) throws IOException {
        List<String> arguments = PeerMain.arguments(spec, rendezvous.address());
        PeerProcess standby = takeStandby();
        if (standby != null) {
            // a trial that hands the peer an environment (a secret) needs a peer started with it
            if (rendezvous.peerEnvironment().isEmpty() && standby.handOver(arguments)) {
                return standby;
            }
            standby.kill();
        }
        return start(PeerMain.class, arguments, rendezvous.peerEnvironment(), startTimeoutMillis);
    }

    /** Gives a standby peer its trial: one argument a line, then the end of its input. False if it is gone. */
    private boolean handOver(List<String> arguments) {
        try (var input = process.getOutputStream()) {
            input.write((String.join("\n", arguments) + "\n").getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts {@code mainClass} in a new JVM with this JVM's class path and flags. The main class
     * must print {@link PeerMain#STARTED} on standard error (or output) first.
     */
    public static PeerProcess start(Class<?> mainClass, List<String> arguments, Map<String, String> environment,
            long startTimeoutMillis) throws IOException {
        return start(mainClass, arguments, environment, startTimeoutMillis, false);
    }

    private static PeerProcess start(Class<?> mainClass, List<String> arguments, Map<String, String> environment,
            long startTimeoutMillis, boolean argumentsOnInput) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        command.addAll(inheritedJvmFlags());
        String extra = System.getProperty(EXTRA_FLAGS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add(mainClass.getName());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!argumentsOnInput) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        // The class path goes in the environment, not on the command line: with the library
        // transports' jars it made the command line longer than the page that the JDK reads of
        // /proc/<pid>/cmdline, so ProcessHandle.Info lost the main class and arguments (which
        // tests and people look for); ps, top and pgrep show them whole this way too.
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().putAll(environment);
        return new PeerProcess(builder.start(), startTimeoutMillis);
    }

    /** This JVM's flags, less those that cannot be shared by two JVMs (a debugger port, agents). */
    private static List<String> inheritedJvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-agentlib:jdwp") && !flag.startsWith("-javaagent:") && !flag.startsWith("-Xrunjdwp")) {
                flags.add(flag);
            }
        }
        return flags;
    }

    private void drainOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                // The line may follow the unfinished line of another writer (a JVM log on stdout);
                // its own println is one write(2), so it always ends the line it is in.
                if (line.endsWith(PeerMain.STARTED)) {
                    started.countDown();
                    continue;
                }
                synchronized (outputTail) {
                    if (outputTail.size() == OUTPUT_LINES_KEPT) {
                        outputTail.removeFirst();
                    }
                    outputTail.addLast(line);
                }
            }
        } catch (IOException streamClosed) {
            // the peer is gone; what it said is kept
        } finally {
            started.countDown();
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** Blocks until the peer's JVM runs our code (CmaRefusalTest and TcpTokenTest wait for it before they act). */
    public void awaitStarted() throws IOException {
        try {
            if (!started.await(startTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new IOException("the peer did not start within " + startTimeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the peer to start");
        }
        if (!process.isAlive()) {
            throw new IOException(exitDescription());
        }
    }

    /** Waits up to {@code millis} for the peer to exit; true if it has. */
    public boolean awaitExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** "peer exited with code 3: <its last line of output>", for error messages. */
    public String exitDescription() {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            return "peer (pid " + pid() + ") is still running";
        }
        int code = process.exitValue();
        String how = code > 128 ? "was killed by signal " + (code - 128) : "exited with code " + code;
        String said = lastWords();
        return "peer (pid " + pid() + ") " + how + (said.isEmpty() ? "" : ": " + said);
    }

    private String lastWords() {
        // the drain thread may still be reading the final lines of a peer that just exited
        for (int i = 0; i < 20 && !outputDrained(); i++) {
            sleepQuietly(10);
        }
        synchronized (outputTail) {
            return outputTail.isEmpty() ? "" : outputTail.peekLast();
        }
    }

    private boolean outputDrained() {
        return started.getCount() == 0 && !process.isAlive();
    }

    /**
     * Waits up to {@code graceMillis} for the peer to exit on its own, then kills it; always reaps
     * it. The drain closes the output pipe when it reads its end; the input, if any, was closed by
     * {@link #handOver}.
     */
    public void stop(long graceMillis) {
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL and reap. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
