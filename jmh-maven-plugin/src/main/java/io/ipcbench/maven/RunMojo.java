package io.ipcbench.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.cli.CommandLineUtils;

/**
 * {@code mvn jmh:run}: compiles the current sources (main, tests and src/jmh), then runs the suite's
 * JMH launcher in a fresh JVM with the test class path. The launcher validates the options, forks
 * the benchmark JVMs and writes {@code results/runs/<timestamp>/}. JMH's progress streams straight
 * to this console.
 *
 * <p>A separate JVM rather than JMH inside Maven: JMH forks inherit {@code java.class.path} of
 * the JVM that runs it, and Maven's own class path is not the suite's.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public class RunMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** JMH command-line options, passed through unchanged, e.g. {@code -f 1 -p transport=pipe}. */
    @Parameter(property = "jmh.args", defaultValue = "")
    private String args;

    /** {@code full} (the default sweep), {@code quick} (64 B and 64 KiB, short iterations) or {@code load} (LoadBenchmark's rate sweep). */
    @Parameter(property = "jmh.profile", defaultValue = "full")
    private String profile;

    /** {@code as-booted} (the default) or {@code poll}: idle CPUs held polling for the run (needs root). */
    @Parameter(property = "jmh.idle", defaultValue = "as-booted")
    private String idle;

    /** Where run folders go; each run makes {@code <yyyyMMdd-HHmmss>/} and repoints {@code latest}. */
    @Parameter(property = "jmh.resultsDir", defaultValue = "${project.basedir}/results/runs")
    private File resultsDir;

    /** JVM flags for the launcher; the JMH forks and the peers inherit them. */
    @Parameter(property = "jmh.jvmFlags", defaultValue = "${ipcbench.jvm.flags}")
    private String jvmFlags;

    /** The suite's launcher class. */
    @Parameter(property = "jmh.launcher", defaultValue = "io.ipcbench.cli.BenchMain")
    private String launcher;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!new File(project.getBasedir(), "src/jmh").isDirectory()) {
            getLog().info("No src/jmh in " + project.getArtifactId() + ": nothing to run.");
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        command.addAll(split(jvmFlags, "jmh.jvmFlags"));
        command.addAll(forwardedProperties());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, testClasspath()));
        command.add(launcher);
        command.add("--results-dir=" + resultsDir.getAbsolutePath());
        command.add("--profile=" + profile);
        command.add("--idle=" + idle);
        command.add("--exit-with-parent"); // killing Maven, even with SIGKILL, ends the run
        command.addAll(split(args, "jmh.args"));

        int exit = runInheritingConsole(command);
        if (exit != 0) {
            throw new MojoFailureException(failure(exit));
        }
    }

    /**
     * What the launcher's exit code meant. Maven exits 1 for any failed goal and a plugin has no
     * supported way to choose its exit code, so the difference between bad input and a failed run
     * is kept in this line (README, "Command lines and exit codes").
     */
    static String failure(int exit) {
        return switch (exit) {
            case 2 -> "bad input (exit 2): nothing was run; the launcher's one-line reason is printed above";
            case 1 -> "the benchmark run failed (exit 1); its error is printed above";
            default -> "the benchmark launcher ended with exit " + exit + (exit > 128 ? " (killed by signal " + (exit - 128) + ")" : "");
        };
    }

    /**
     * {@code -D} settings for the launcher that a user gives on Maven's command line: the suite's
     * own ({@code ipcbench.*}, e.g. the ledger folder) and JMH's {@code jmh.ignoreLock}. Maven keeps
     * them as its own user properties, so without this they would never reach the launcher, its
     * JMH forks and their peers (which inherit the launcher's flags).
     */
    private List<String> forwardedProperties() {
        List<String> flags = new ArrayList<>();
        session.getUserProperties().forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith("ipcbench.") || name.equals("jmh.ignoreLock")) {
                flags.add("-D" + name + "=" + value);
            }
        });
        flags.sort(null);
        return flags;
    }

    private List<String> testClasspath() throws MojoExecutionException {
        try {
            return project.getTestClasspathElements();
        } catch (Exception e) {
            throw new MojoExecutionException("cannot resolve the test class path: " + e.getMessage(), e);
        }
    }

    private static List<String> split(String line, String property) throws MojoFailureException {
        if (line == null || line.isBlank()) {
            return List.of();
        }
        try {
            return Arrays.asList(CommandLineUtils.translateCommandline(line));
        } catch (Exception e) { // plexus-utils declares a bare Exception
            throw new MojoFailureException("-D" + property + " cannot be split into arguments: " + e.getMessage());
        }
    }

    /** Runs the launcher; if Maven is stopped (Ctrl-C), the launcher is stopped with it. */
    private int runInheritingConsole(List<String> command) throws MojoExecutionException {
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (Exception e) {
            throw new MojoExecutionException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        Thread stopper = new Thread(() -> stop(process), "jmh-run-stopper");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new MojoExecutionException("interrupted while the benchmarks ran");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it stops the launcher
            }
        }
    }

    /** SIGTERM first so the launcher's own hooks clean up, then SIGKILL. */
    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(4, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
