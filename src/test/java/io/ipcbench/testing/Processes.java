package io.ipcbench.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ipcbench.hygiene.ProcessState;

/** Test helpers for other processes: start a JVM with our class path, wait for a line, kill. */
public final class Processes {
    private Processes() {
    }

    /** A JVM running {@code main} with this JVM's class path and flags plus {@code extraFlags}. */
    public static Process startJvm(Class<?> main, List<String> extraFlags, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The first line of {@code process}'s output that starts with {@code prefix}, or empty at its end. */
    public static Optional<String> awaitLine(Process process, String prefix) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** kill -9 of several pids in one system call sequence, as close to "at once" as a test gets. */
    public static void killNow(long... pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-9"));
        for (long pid : pids) {
            command.add(Long.toString(pid));
        }
        new ProcessBuilder(command).start().waitFor();
    }

    /**
     * Milliseconds until {@code pid} has exited, or -1 if it still runs after {@code limitMillis}.
     * A zombie has exited: an orphan waits for init to reap it, which in this sandbox takes up to
     * two seconds, and {@link ProcessHandle#isAlive()} counts it alive until then.
     */
    public static long millisUntilGone(long pid, long limitMillis) throws InterruptedException {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 < limitMillis) {
            if (hasExited(pid)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    /** Gone, or a zombie: see {@link ProcessState#hasExited(long)}. */
    public static boolean hasExited(long pid) {
        return ProcessState.hasExited(pid);
    }
}
