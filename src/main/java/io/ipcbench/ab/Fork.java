package io.ipcbench.ab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ipcbench.core.BadInput;
import io.ipcbench.floor.Floor;
import io.ipcbench.floor.FloorFigure;
import io.ipcbench.floor.ForkFloorProfiler;
import io.ipcbench.report.Fingerprint;
import io.ipcbench.report.JudgedFigure;
import io.ipcbench.report.Latency;
import io.ipcbench.report.ResultRow;
import io.ipcbench.report.ResultSet;

/**
 * One fork of one side for one row: a whole run of that side's own launcher
 * (the class {@code mvn jmh:run} starts, named by the command line that runs scripts/ab) with {@code -f 1} and the row's
 * params, so it gets everything a normal run does — the same JVM flags (the side's pom), the
 * leak and stale-object checks before it starts, the peer and parent watches, the floor at its
 * start and end in fingerprint.json — and writes a normal run folder, kept as the raw result.
 * {@code --exit-with-parent}: if scripts/ab dies, the fork and its peer follow.
 */
public final class Fork {

    /**
     * What a fork gave.
     *
     * @param score the row's score in that fork (its own fork score); NaN when it failed
     * @param rttP50 the fork's RTT p50 (µs) from its histogram log where {@link JudgedFigure} judges the row by it, else NaN
     * @param floor the cache-line RTT at the run's start and end, NaN where unknown
     * @param forkStream the cross-CPU stream the JMH fork measured right after its trial (GB/s), NaN where unknown
     * @param forkWakeUp the cross-CPU wake-up round trip the JMH fork measured right after its trial (µs), NaN where unknown
     * @param failure why it failed, or null
     * @param exit the launcher's exit code
     */
    public record Result(double score, String unit, double rttP50, double[] floor, double forkStream, double forkWakeUp, String failure,
            int exit) {
        public boolean ok() {
            return failure == null;
        }
    }

    private Fork() {
    }

    /**
     * @param launcher the main class of the suite's launcher (a version's own, found on its classpath)
     * @param resultsDir the launcher's --results-dir: it writes {@code <timestamp>/} there and points {@code latest} at it
     * @param jmhArgs the user's JMH options for every fork
     */
    public static Result run(Suite suite, String launcher, BenchRow row, String profile, List<String> jmhArgs, Path resultsDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(suite.jvmFlags());
        command.add("-cp");
        command.add(suite.classpath());
        command.add(launcher);
        command.add("--results-dir=" + resultsDir.toAbsolutePath());
        command.add("--profile=" + profile);
        command.add("--exit-with-parent");
        command.addAll(jmhArgs);
        command.addAll(row.jmhArgs());
        Path log = resultsDir.resolve("fork.log");
        int exit;
        try {
            Files.createDirectories(resultsDir);
            Files.writeString(log, String.join(" ", command) + "\n");
            Process process = new ProcessBuilder(command).directory(suite.root().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            exit = process.waitFor();
        } catch (IOException e) {
            return failed("cannot start the fork: " + e.getMessage(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted", -1);
        }
        if (exit != 0) {
            return failed(lastLauncherLine(log) + " (exit " + exit + "; see " + log + ")", exit);
        }
        Path runDir = resultsDir.resolve("latest");
        try {
            runDir = resultsDir.resolve(Files.readSymbolicLink(runDir));
            ResultSet set = ResultSet.load(runDir);
            for (ResultRow result : set.rows()) {
                if (result.benchmark().equals(row.shortName()) && result.mode().equals(row.mode())
                        && result.paramsText().equals(row.paramsText())) {
                    // from the fork's histogram log only, so that every pair compares one way of reading a p50 (JudgedFigure.ofIterations)
                    JudgedFigure judged = JudgedFigure.of(result);
                    double p50 = judged.name().equals(JudgedFigure.RTT_P50) && result.latency().source() == Latency.Source.HISTOGRAMS
                            ? judged.perFork().get(0) : Double.NaN;
                    return new Result(result.forkScores().get(0), result.unit(), p50, floor(runDir.resolve("fingerprint.json")),
                            forkFloor(result, ForkFloorProfiler.METRIC), forkFloor(result, ForkFloorProfiler.WAKE_UP_METRIC), null, 0);
                }
            }
            return failed("the run has no result for " + row.shortName() + " " + row.paramsText(), exit);
        } catch (IOException | BadInput e) {
            return failed("cannot read the fork's results in " + runDir + ": " + e.getMessage(), exit);
        }
    }

    private static Result failed(String why, int exit) {
        return new Result(Double.NaN, "", Double.NaN, new double[] {Double.NaN, Double.NaN}, Double.NaN, Double.NaN, why, exit);
    }

    /** A floor figure the row's fork measured right after its trial (ForkFloorProfiler), NaN for a run without it. */
    private static double forkFloor(ResultRow result, String name) {
        ResultRow.Metric metric = result.secondary().get(name);
        return metric == null || metric.iterations().isEmpty() ? Double.NaN : metric.iterations().get(0);
    }

    /** The cache-line RTT at the run's start and end (fingerprint.json "floor"); NaN for "unknown (…)" or an older fingerprint. */
    static double[] floor(Path fingerprint) {
        try {
            Map<String, Floor> floors = Fingerprint.read(fingerprint).floors();
            return new double[] {cacheLineRtt(floors.get("start")), cacheLineRtt(floors.get("end"))};
        } catch (BadInput unreadable) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    private static double cacheLineRtt(Floor floor) {
        return floor == null ? Double.NaN : floor.value(FloorFigure.CACHE_LINE_RTT).orElse(Double.NaN);
    }

    /** The launcher's own one-line message ("ipc-bench: …"), else the log's last line. */
    private static String lastLauncherLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("ipc-bench")) {
                    return lines.get(i);
                }
            }
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no log";
        }
    }
}
