package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ipcbench.machine.RunConditions;
import io.ipcbench.report.Fingerprint.JmhOptionsInForce;

/**
 * What fingerprint.json records and what scripts/compare makes of it: every setting that explains
 * a difference is there (a value or "unknown (reason)"); the floor and steal never make two runs
 * of one machine look like two machines; different JMH options or profiles are refused.
 */
class FingerprintTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Agrona's bounds checks are off in every fork of a run (the suite checks each message itself), and the fingerprint says so. */
    @Test
    void agronaBoundsChecksAreRecordedFromTheForksFlags() {
        String off = "-Dagrona.disable.bounds.checks=true";
        assertThat(Fingerprint.agronaBoundsChecks(Map.of("forkJvmArgs", List.of("-Xmx1g", off)))).startsWith("off");
        assertThat(Fingerprint.agronaBoundsChecks(Map.of("forkJvmArgs", Map.of("a", List.of(off), "b", List.of("-Xmx1g"))))).isEqualTo("on");
        assertThat(Fingerprint.agronaBoundsChecks(Map.of())).startsWith("unknown");
        assertThat(System.getProperty("agrona.disable.bounds.checks")).as("the tests' JVM gets the suite's flags (pom.xml)").isEqualTo("true");
    }

    @Test
    void aWrittenFingerprintHasEveryKeyWithAValueOrAReason() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        JmhJsonFixture.writeSample(run.resolve("jmh.json"));
        Options quick = new OptionsBuilder().forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1))
                .measurementIterations(2).measurementTime(TimeValue.seconds(1)).build();
        RunConditions conditions = RunConditions.start();
        conditions.finish();
        Fingerprint.ofThisMachine(ResultSet.load(run).rows(), List.of(), "quick",
                JmhOptionsInForce.of("quick", quick, List.of(params("RoundTripBenchmark.roundTrip", TimeUnit.MICROSECONDS))),
                conditions.toJson(), List.of()).write(run.resolve("fingerprint.json"));

        JsonNode written = JSON.readTree(run.resolve("fingerprint.json").toFile());
        for (String key : List.of("cpuTopology.online", "cpuTopology.onlineCount", "cpuTopology.smtSiblings", "cpuTopology.cores",
                "cpuTopology.packages", "cpuTopology.numaNodes", "cpuidle.driver", "cpuidle.governor", "cpuidle.kvmHaltPollNs",
                "cpuidle.guestHaltPoll", "clocksource", "transparentHugePages.enabled", "transparentHugePages.defrag",
                "cgroupCpu.quota", "steal", "floor.start.cacheLineRttNs", "floor.start.wakeUpRttUs", "floor.start.copy64KiBGBps",
                "floor.start.copy1MiBGBps", "floor.end.cacheLineRttNs", "floor.end.wakeUpRttUs", "floor.end.copy64KiBGBps",
                "floor.end.copy1MiBGBps", "floor.movedBeyond", "floor.moved", "floor.flagged", "jmhOptions.profile",
                "jmhOptions.forks", "jmhOptions.warmupForks", "jmhOptions.warmupIterations", "jmhOptions.warmupTime",
                "jmhOptions.measurementIterations", "jmhOptions.measurementTime", "jmhOptions.threads", "jmhOptions.timeUnit",
                "jmhOptions.forkJvmArgs", "jvmFlags", "skipped")) {
            JsonNode node = written.at("/" + key.replace('.', '/'));
            assertThat(node.isMissingNode() || node.isNull()).as(key + " is missing").isFalse();
        }
        List<String> leaves = new ArrayList<>();
        leaves(written, "", leaves);
        assertThat(leaves).allSatisfy(leaf -> {
            String value = leaf.substring(leaf.indexOf('=') + 1);
            assertThat(value).as(leaf).isNotEmpty().isNotEqualTo("null");
            if (value.startsWith("unknown")) {
                assertThat(value).as(leaf).matches("unknown \\(.+\\)");
            }
        });
        assertThat(written.at("/jmhOptions/forks").asInt()).isEqualTo(1);
        assertThat(written.at("/jmhOptions/measurementTime").asText()).isEqualTo("1 s");
        assertThat(written.at("/jmhOptions/threads").asInt()).as("not in the options: what the benchmark ran with").isEqualTo(1);
        assertThat(written.at("/jmhOptions/timeUnit").asText()).isEqualTo("MICROSECONDS");
    }

    /** An option the launcher left to the annotations is what each benchmark ran with, per benchmark where they differ. */
    @Test
    void anOptionLeftToTheBenchmarksIsWhatTheyRanWith() {
        Map<String, Object> inForce = JmhOptionsInForce.of("full", new OptionsBuilder().forks(2).build(),
                List.of(params("RoundTripBenchmark.roundTrip", TimeUnit.MICROSECONDS), params("StreamBenchmark.stream", TimeUnit.SECONDS)));
        assertThat(inForce).containsEntry("profile", "full").containsEntry("forks", 2).containsEntry("warmupIterations", 3)
                .containsEntry("warmupTime", "1 s").containsEntry("timeUnit",
                        Map.of("RoundTripBenchmark.roundTrip", "MICROSECONDS", "StreamBenchmark.stream", "SECONDS"));
        assertThat(JmhOptionsInForce.of("full", new OptionsBuilder().build(), List.of()).get("threads"))
                .isEqualTo("unknown (not set by the options, and no benchmark ran)");
    }

    @Test
    void twoRunsDifferingOnlyInFloorAndStealAreTheSameMachine() throws IOException {
        Path a = resultSet("a", Map.of("jmhOptions", options(1, 5), "floor", floor(191.0), "steal", Map.of("share", 0.0)));
        Path b = resultSet("b", Map.of("jmhOptions", options(1, 5), "floor", floor(731.0), "steal", Map.of("share", 0.25)));
        assertThat(Fingerprint.read(a.resolve("fingerprint.json")).differences(Fingerprint.read(b.resolve("fingerprint.json")))).isEmpty();
        String[] result = CompareTest.compare(a.toString(), b.toString());
        assertThat(result[2]).isEmpty();
        assertThat(result[0]).isEqualTo("0");
    }

    /** Guest halt polling off or on is another machine for a blocking round trip (~45 against ~6 µs here). */
    @Test
    void runsWhoseIdleCpusWaitDifferentlyAreDifferentMachines() throws IOException {
        Path off = resultSet("off", Map.of("jmhOptions", options(1, 5), "cpuidle", idle("0")));
        Path held = resultSet("held", Map.of("jmhOptions", options(1, 5), "cpuidle", Map.of("driver", "haltpoll", "governor", "haltpoll",
                "guestHaltPoll", Map.of("guest_halt_poll_ns", "0"), "cpuLatencyLimitUs", 0)));
        Path on = resultSet("on", Map.of("jmhOptions", options(1, 5), "cpuidle", idle("200000")));
        Path offAgain = resultSet("off-again", Map.of("jmhOptions", options(1, 5), "cpuidle", idle("0")));
        Fingerprint first = Fingerprint.read(off.resolve("fingerprint.json"));
        assertThat(first.differences(Fingerprint.read(offAgain.resolve("fingerprint.json")))).isEmpty();
        assertThat(first.differences(Fingerprint.read(on.resolve("fingerprint.json"))))
                .containsExactly("cpuidle.guestHaltPoll.guest_halt_poll_ns: 0 vs 200000");
        assertThat(first.differences(Fingerprint.read(held.resolve("fingerprint.json"))))
                .containsExactly("cpuidle.cpuLatencyLimitUs: absent vs 0");
        Map<String, Object> unheld = new LinkedHashMap<>(idle("0"));
        unheld.put("cpuLatencyLimitUs", 2_000_000_000);
        assertThat(Fingerprint.read(resultSet("unheld", Map.of("jmhOptions", options(1, 5), "cpuidle", unheld)).resolve("fingerprint.json"))
                .differences(Fingerprint.read(held.resolve("fingerprint.json")))).containsExactly("cpuidle.cpuLatencyLimitUs: 2000000000 vs 0");
        // no request, an unreadable device and a fingerprint from before the record compare alike: only a hold differs
        for (Object notHeld : List.of(2_000_000_000, "unknown (cannot read /dev/cpu_dma_latency, which needs root)")) {
            Map<String, Object> idle = new LinkedHashMap<>(idle("0")); // in the order a run writes them
            idle.put("cpuLatencyLimitUs", notHeld);
            Path set = resultSet("not-held-" + Math.abs(notHeld.hashCode()), Map.of("jmhOptions", options(1, 5), "cpuidle", idle));
            assertThat(first.differences(Fingerprint.read(set.resolve("fingerprint.json")))).as("%s", notHeld).isEmpty();
        }
        String[] refused = CompareTest.compare(off.toString(), on.toString());
        assertThat(refused[0]).isEqualTo("2");
        assertThat(refused[2].strip()).isEqualTo("ipc-bench compare: the result sets come from different machines or JVMs"
                + " (cpuidle.guestHaltPoll.guest_halt_poll_ns: 0 vs 200000); --ignore-fingerprint compares anyway");
    }

    @Test
    void theSummarySaysHowIdleCpusWait() throws IOException {
        Path polled = resultSet("polled", Map.of("cpuidle", idle("200000")));
        Path halted = resultSet("halted", Map.of("cpuidle", Map.of("driver", "none", "governor", "menu")));
        Path unrecorded = resultSet("unrecorded", Map.of());
        Path held = resultSet("held", Map.of("cpuidle", Map.of("driver", "haltpoll", "cpuLatencyLimitUs", 0)));
        Path capped = resultSet("capped", Map.of("cpuidle", Map.of("driver", "none", "cpuLatencyLimitUs", 20)));
        Path free = resultSet("free", Map.of("cpuidle", Map.of("driver", "none", "cpuLatencyLimitUs", 2_000_000_000)));
        assertThat(Fingerprint.read(polled.resolve("fingerprint.json")).summary()).endsWith("; idle: haltpoll, guest halt polling 200000 ns");
        assertThat(Fingerprint.read(held.resolve("fingerprint.json")).summary()).endsWith("; idle: haltpoll, CPUs held polling");
        assertThat(Fingerprint.read(capped.resolve("fingerprint.json")).summary())
                .endsWith("; idle: no cpuidle driver, CPU wake-up latency held at 20 µs");
        assertThat(Fingerprint.read(free.resolve("fingerprint.json")).summary()).endsWith("; idle: no cpuidle driver");
        assertThat(Fingerprint.read(halted.resolve("fingerprint.json")).summary()).endsWith("; idle: no cpuidle driver");
        assertThat(Fingerprint.read(unrecorded.resolve("fingerprint.json")).summary()).doesNotContain("idle");
    }

    private static Map<String, Object> idle(String guestHaltPollNs) {
        return Map.of("driver", "haltpoll", "governor", "haltpoll", "guestHaltPoll", Map.of("guest_halt_poll_ns", guestHaltPollNs));
    }

    @Test
    void differentForksOrIterationsAreRefusedInOneLine() throws IOException {
        Path base = resultSet("base", Map.of("jmhOptions", options(1, 5)));
        Path moreForks = resultSet("forks", Map.of("jmhOptions", options(3, 5)));
        Path fewerIterations = resultSet("iterations", Map.of("jmhOptions", options(1, 2)));
        String[] forks = CompareTest.compare(base.toString(), moreForks.toString());
        assertThat(forks[0]).isEqualTo("2");
        assertThat(forks[2].strip()).isEqualTo("ipc-bench compare: the result sets were measured with different JMH options (forks: 1 vs 3):"
                + " results of different profiles or options are never compared silently; --ignore-fingerprint compares anyway");
        String[] iterations = CompareTest.compare(base.toString(), fewerIterations.toString());
        assertThat(iterations[0]).isEqualTo("2");
        assertThat(iterations[2].strip()).contains("(measurementIterations: 5 vs 2)").doesNotContain("\tat ");
        assertThat(iterations[2].strip().lines()).hasSize(1);
        assertThat(CompareTest.compare(base.toString(), moreForks.toString(), "--ignore-fingerprint")[0]).isEqualTo("0");
    }

    /** Fingerprints written before the options in force were recorded are matched on their profile and JMH arguments. */
    @Test
    void olderFingerprintsAreMatchedOnProfileAndArguments() throws IOException {
        Path full = resultSet("full", Map.of("profile", "full", "jmhArguments", List.of("-p", "transport=pipe")));
        Path fullToo = resultSet("full2", Map.of("profile", "full", "jmhArguments", List.of()));
        Path quick = resultSet("quick", Map.of("profile", "quick", "jmhArguments", List.of()));
        Path oneFork = resultSet("fork", Map.of("profile", "full", "jmhArguments", List.of("-f", "1")));
        Path recorded = resultSet("new", Map.of("profile", "full", "jmhArguments", List.of(), "jmhOptions", options(1, 5)));
        assertThat(CompareTest.compare(full.toString(), fullToo.toString())[0]).isEqualTo("0");
        assertThat(CompareTest.compare(full.toString(), recorded.toString())[0]).isEqualTo("0");
        assertThat(CompareTest.compare(full.toString(), quick.toString())[2]).contains("(profile: full vs quick)");
        assertThat(CompareTest.compare(full.toString(), oneFork.toString())[2]).contains("forks: the profile's or the benchmarks' default vs 1");
    }

    /** The combinations a sweep skipped are kept in the fingerprint and listed in the report; older fingerprints have none. */
    @Test
    void skippedCombinationsAreRecordedAndShown() throws IOException {
        String line = "transport=shm-spin payload=64 placement=same-core: shm-spin cannot run same-core";
        Path run = resultSet("skipped", Map.of("skipped", List.of(line)));
        Fingerprint written = Fingerprint.read(run.resolve("fingerprint.json"));
        assertThat(written.skipped()).containsExactly(line);
        assertThat(HtmlReport.skippedNote(written)).contains("Skipped: 1 combination").contains("<li>" + line + "</li>");
        Fingerprint older = Fingerprint.read(resultSet("older", Map.of()).resolve("fingerprint.json"));
        assertThat(older.skipped()).isEmpty();
        assertThat(HtmlReport.skippedNote(older)).isEmpty();
        assertThat(HtmlReport.skippedNote(null)).isEmpty();
    }

    private Path resultSet(String name, Map<String, Object> fields) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        JmhJsonFixture.writeSample(run.resolve("jmh.json"));
        JmhJsonFixture.writeFingerprint(run, "Linux 6.1", fields);
        return run;
    }

    private static Map<String, Object> options(int forks, int iterations) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("profile", "full");
        options.put("forks", forks);
        options.put("warmupIterations", 3);
        options.put("warmupTime", "1 s");
        options.put("measurementIterations", iterations);
        options.put("measurementTime", "1 s");
        options.put("threads", 1);
        return options;
    }

    private static Map<String, Object> floor(double cacheLineNs) {
        return Map.of("start", Map.of("cacheLineRttNs", cacheLineNs), "end", Map.of("cacheLineRttNs", cacheLineNs * 2),
                "moved", List.of("cache-line RTT"), "flagged", true);
    }

    private static BenchmarkParams params(String benchmark, TimeUnit unit) {
        return new BenchmarkParams("io.ipcbench.bench." + benchmark, "generated", false, 1, new int[] {1}, List.of(), 1, 0,
                new IterationParams(IterationType.WARMUP, 3, TimeValue.seconds(1), 1),
                new IterationParams(IterationType.MEASUREMENT, 5, TimeValue.seconds(1), 1), Mode.SampleTime, new WorkloadParams(),
                unit, 1, "java", List.of("-Dx=1"), "17", "vm", "17", "1.37", TimeValue.minutes(10));
    }

    /** "path=value" for every leaf of the JSON tree. */
    private static void leaves(JsonNode node, String path, List<String> into) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(f -> leaves(f.getValue(), path + "/" + f.getKey(), into));
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), path + "/" + i, into);
            }
        } else if (!node.isContainerNode()) {
            into.add(path + "=" + (node.isNull() ? "null" : node.asText()));
        }
    }
}
