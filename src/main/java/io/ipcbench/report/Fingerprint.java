package io.ipcbench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Optional;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.Capacity;
import io.ipcbench.peer.TrialProfiler;
import io.ipcbench.core.Unknown;
import io.ipcbench.machine.IdleSettings;
import io.ipcbench.machine.MachineSettings;
import io.ipcbench.machine.RunConditions;
import io.ipcbench.nativeio.KernelLimits;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.floor.Floor;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.registry.TransportRegistry;

/**
 * What a result set was measured on and how: kernel, CPU, JDK, JVM flags, placements and the IPC
 * limits that shape the numbers, the JMH options in force, the settings that explain a difference
 * (CPU topology, cpuidle and halt polling, clock source, huge pages, cgroup quota) and the
 * conditions during the run (the machine's floor at start and end, steal). Written as
 * {@code fingerprint.json} beside {@code jmh.json}.
 *
 * <p>Two result sets come from the same machine when their {@link #identity()} matches — only the
 * stable fields, never the floor or steal, which differ between any two runs — and were measured
 * alike when their {@link #optionDifferences options} match; scripts/compare wants both.
 */
public final class Fingerprint {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /**
     * The fields that must match for a comparison to mean anything. How idle CPUs wait is one: on a
     * KVM guest it decides what every blocking wake-up costs (results/README.md, "What an idle vCPU
     * does": guest halt polling off or on moved a 64 B pipe round trip from ~45 to ~6 µs).
     */
    private static final List<String> IDENTITY = List.of("kernel", "cpuModel", "cpuCount", "jdkVendor", "jdkVersion", "ipcLimits",
            "cpuidle");

    private final Map<String, Object> fields;

    private Fingerprint(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * This machine and JVM now, for a run whose results are {@code rows}, measured with
     * {@code jmhOptions} (see {@link JmhOptionsInForce}) under {@code runConditions} (floor and steal,
     * see {@link RunConditions}); {@code skipped} names each combination the sweep asked for that
     * could not run, and why ("transport=… payload=… placement=…: reason").
     */
    public static Fingerprint ofThisMachine(Collection<ResultRow> rows, List<String> jmhArguments, String profile,
            Map<String, Object> jmhOptions, Map<String, Object> runConditions, List<String> skipped) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("created", OffsetDateTime.now().toString());
        fields.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        fields.put("cpuModel", cpuModel());
        fields.put("cpuCount", Sys.onlineCpus());
        fields.put("jdkVendor", System.getProperty("java.vendor"));
        fields.put("jdkVersion", System.getProperty("java.runtime.version"));
        fields.put("jvmFlags", ManagementFactory.getRuntimeMXBean().getInputArguments());
        fields.put("jmhArguments", jmhArguments);
        fields.put("profile", profile);
        fields.put("placements", new TreeSet<>(rows.stream().map(r -> r.param(Benchmarks.PLACEMENT)).filter(p -> !p.isEmpty()).toList()));
        fields.put("skipped", List.copyOf(skipped));
        fields.put("ipcLimits", KernelLimits.all());
        fields.put("chunkSizes", chunkSizes(rows));
        fields.put("capacities", capacities(rows));
        fields.put("jmhOptions", jmhOptions);
        fields.put("agronaBoundsChecks", agronaBoundsChecks(jmhOptions));
        fields.putAll(MachineSettings.ofThisMachine());
        fields.putAll(runConditions);
        return new Fingerprint(fields);
    }

    /** transport → payload → chunk size, for every transport that splits messages in this run. */
    private static Map<String, Map<String, Integer>> chunkSizes(Collection<ResultRow> rows) {
        Map<String, Map<String, Integer>> sizes = new TreeMap<>();
        for (ResultRow row : rows) {
            String transport = row.param(Benchmarks.TRANSPORT);
            String payload = row.param(Benchmarks.PAYLOAD);
            if (transport.isEmpty() || payload.isEmpty() || !TransportRegistry.names().contains(transport)) {
                continue;
            }
            int bytes;
            try {
                bytes = TrialSpec.parsePayload(payload);
            } catch (IllegalArgumentException notAPayload) {
                continue; // a result set written by hand or by another tool: no chunk size to record
            }
            String capacity = row.param(Benchmarks.CAPACITY);
            int chunk;
            try {
                chunk = TransportRegistry.kind(transport).holding(capacity.isEmpty() ? Capacity.DEFAULT : Capacity.parse(capacity))
                        .chunkSize(bytes);
            } catch (IllegalArgumentException notThisVersions) {
                continue;
            }
            if (chunk != bytes) {
                sizes.computeIfAbsent(transport + (capacity.isEmpty() ? "" : " capacity=" + capacity), t -> new TreeMap<>())
                        .put(payload, chunk);
            }
        }
        return sizes;
    }

    /**
     * Row's transport label → payload → the bytes one direction of its channel held, as granted
     * ({@link TrialProfiler#CAPACITY}), for every row that recorded it: with {@code -p capacity=}
     * it says what each mechanism got of what was asked, without it each mechanism's own.
     */
    static Map<String, Map<String, Long>> capacities(Collection<ResultRow> rows) {
        // "pipe", "pipe capacity=32768", "pipe capacity=262144": by transport, then by the capacity's number
        Map<String, Map<String, Long>> granted = new TreeMap<>(java.util.Comparator.comparing((String label) -> label.split(" capacity=")[0])
                .thenComparing(label -> label.contains(" capacity=") ? label.substring(label.indexOf(" capacity=")) : "", Fingerprint::byNumber));
        for (ResultRow row : rows) {
            ResultRow.Metric metric = row.secondary().get(TrialProfiler.CAPACITY);
            if (metric != null && !row.param(Benchmarks.PAYLOAD).isEmpty()) {
                granted.computeIfAbsent(row.transportLabel(), t -> new TreeMap<>(Fingerprint::byNumber))
                        .merge(row.param(Benchmarks.PAYLOAD), Math.round(metric.score()), Math::max);
            }
        }
        return granted;
    }

    private static int byNumber(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    public static Fingerprint read(Path file) {
        JsonNode root = readJson(file);
        if (root == null || !root.isObject()) {
            throw new BadInput(file + " is not a fingerprint: expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = JSON.convertValue(root, LinkedHashMap.class);
        return new Fingerprint(fields);
    }

    /** A JSON file the suite wrote (fingerprint.json, noise.json), or one line saying why it cannot be read. */
    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInput(file + " is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadInput("cannot read " + file + ": " + e.getMessage());
        }
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), fields);
    }

    /** The fields that decide comparability, normalised through JSON so read and fresh ones compare equal. */
    public Map<String, Object> identity() {
        Map<String, Object> identity = new LinkedHashMap<>();
        for (String field : IDENTITY) {
            Object value = JSON.convertValue(fields.get(field), Object.class);
            identity.put(field, value instanceof Map<?, ?> idle && field.equals("cpuidle") ? IdleSettings.comparable(idle) : value);
        }
        return identity;
    }

    /** The identity fields that differ, as "field: a vs b" items, each value as the run recorded it. */
    public List<String> differences(Fingerprint other) {
        return differing(identity(), other.identity(), fields, other.fields, IDENTITY);
    }

    /**
     * The JMH options that differ, as "option: a vs b" items. Where either fingerprint predates the
     * record of the options in force, both are compared on what they do record: the profile and
     * the options their JMH arguments set.
     */
    public List<String> optionDifferences(Fingerprint other) {
        boolean bothRecorded = fields.get("jmhOptions") instanceof Map && other.fields.get("jmhOptions") instanceof Map;
        Map<String, Object> mine = bothRecorded ? options() : JmhOptionsInForce.requested(fields.get("profile"), fields.get("jmhArguments"));
        Map<String, Object> theirs = bothRecorded ? other.options()
                : JmhOptionsInForce.requested(other.fields.get("profile"), other.fields.get("jmhArguments"));
        Set<String> options = new LinkedHashSet<>(mine.keySet());
        options.addAll(theirs.keySet());
        return differing(mine, theirs, mine, theirs, options);
    }

    /**
     * "key: a vs b" for each key whose values differ, compared as JSON reads them so read and fresh
     * ones compare equal; within a map, only the entries that differ ("cpuidle.driver: none vs haltpoll").
     * Each difference is quoted as {@code shownMine} and {@code shownTheirs} hold it.
     */
    private static List<String> differing(Map<String, Object> mine, Map<String, Object> theirs, Map<String, Object> shownMine,
            Map<String, Object> shownTheirs, Collection<String> keys) {
        List<String> differences = new ArrayList<>();
        for (String key : keys) {
            differing(key, json(mine.get(key)), json(theirs.get(key)), json(shownMine.get(key)), json(shownTheirs.get(key)), differences);
        }
        return differences;
    }

    private static void differing(String key, Object a, Object b, Object shownA, Object shownB, List<String> differences) {
        if (a instanceof Map<?, ?> mine && b instanceof Map<?, ?> theirs) {
            Set<Object> entries = new LinkedHashSet<>(mine.keySet());
            entries.addAll(theirs.keySet());
            for (Object entry : entries) {
                differing(key + "." + entry, mine.get(entry), theirs.get(entry), entry(shownA, entry), entry(shownB, entry), differences);
            }
        } else if (!String.valueOf(a).equals(String.valueOf(b))) {
            differences.add(key + ": " + (shownA == null ? "absent" : shownA) + " vs " + (shownB == null ? "absent" : shownB));
        }
    }

    private static Object entry(Object map, Object key) {
        return map instanceof Map<?, ?> entries ? entries.get(key) : null;
    }

    private static Object json(Object value) {
        return JSON.convertValue(value, Object.class);
    }

    /** The compared options of the recorded "jmhOptions" ("not recorded" for one that is missing). */
    private Map<String, Object> options() {
        Map<?, ?> recorded = (Map<?, ?>) fields.get("jmhOptions");
        Map<String, Object> options = new LinkedHashMap<>();
        for (String option : JmhOptionsInForce.COMPARED) {
            options.put(option, recorded.containsKey(option) ? recorded.get(option) : Unknown.because("not recorded"));
        }
        return options;
    }

    /**
     * The machine's floor as the run recorded it, for report headers: "at the start: cache-line RTT
     * 84 ns, …" and "at the end: …", or one line saying why there is none; empty for a set from
     * before the floor was recorded.
     */
    public List<String> floorLines() {
        Map<String, Floor> floors = floors();
        if (!floors.isEmpty()) {
            return List.of("at the start: " + floors.get("start").summary(), "at the end: " + floors.get("end").summary());
        }
        return fields.get("floor") == null ? List.of() : List.of(String.valueOf(fields.get("floor")));
    }

    /** The floor at the run's "start" and "end", as recorded; empty for a set without both. */
    public Map<String, Floor> floors() {
        if (fields.get("floor") instanceof Map<?, ?> recorded && recorded.get("start") instanceof Map<?, ?> start
                && recorded.get("end") instanceof Map<?, ?> end) {
            return Map.of("start", Floor.fromJson(start), "end", Floor.fromJson(end));
        }
        return Map.of();
    }

    /** The floor's figures that moved during the run ("cache-line RTT 430 ns → 82.4 ns"), as recorded; empty if none. */
    public List<String> floorMoved() {
        return fields.get("floor") instanceof Map<?, ?> recorded && recorded.get("moved") instanceof List<?> moved
                ? moved.stream().map(String::valueOf).toList() : List.of();
    }

    /** The combinations the run skipped, one line each; none for a fingerprint written before they were recorded. */
    public List<String> skipped() {
        return fields.get("skipped") instanceof Collection<?> lines ? lines.stream().map(String::valueOf).toList() : List.of();
    }

    /**
     * Whether Agrona checked the bounds of every buffer access in the forks: "off" where every fork ran
     * with {@value #AGRONA_UNCHECKED} (as the suite's flags set it: the suite checks each message itself),
     * "on" where a fork did not, "unknown" without the forks' flags.
     */
    static String agronaBoundsChecks(Map<String, Object> jmhOptions) {
        Object forkJvmArgs = jmhOptions == null ? null : jmhOptions.get("forkJvmArgs");
        // one list of flags where every benchmark's forks had the same, else benchmark → its list
        Collection<?> perBenchmark = forkJvmArgs instanceof Map<?, ?> map ? map.values()
                : forkJvmArgs instanceof Collection<?> flags ? List.of(flags) : List.of();
        if (perBenchmark.isEmpty()) {
            return "unknown (the forks' JVM flags were not recorded)";
        }
        boolean everyFork = perBenchmark.stream().allMatch(flags -> String.valueOf(flags).contains(AGRONA_UNCHECKED));
        return everyFork ? "off (" + AGRONA_UNCHECKED + ")" : "on";
    }

    /** The flag that turns Agrona's bounds checks off (pom.xml's ipcbench.jvm.flags). */
    static final String AGRONA_UNCHECKED = "-Dagrona.disable.bounds.checks=true";

    /** The profile the run was made with ("quick", "load", "default"), or null when not recorded. */
    public String profile() {
        Object profile = fields.get("profile");
        return profile == null ? null : String.valueOf(profile);
    }

    /** "kernel, CPU × count, JDK; idle: …" in one line, for report headers. */
    public String summary() {
        return fields.get("kernel") + ", " + fields.get("cpuCount") + " x " + fields.get("cpuModel") + ", "
                + fields.get("jdkVendor") + " " + fields.get("jdkVersion") + idleSummary();
    }

    /** "; idle: …" ({@link IdleSettings#summary}), or nothing where the fingerprint predates its record. */
    private String idleSummary() {
        return fields.get("cpuidle") instanceof Map<?, ?> idle ? "; idle: " + IdleSettings.summary(idle) : "";
    }

    /**
     * The JMH options a run was measured with — forks, warm-up and measurement iterations and times,
     * threads, the time unit and the profile — as fingerprint.json records them under "jmhOptions".
     * Each comes from the Options the launcher built (the user's arguments with the profile applied);
     * an option they leave unset was decided by the benchmark's annotations, and is taken from what
     * JMH ran each benchmark with. Two result sets that differ in one of {@link #COMPARED} are never
     * compared silently: three forks against one, or 1 s iterations against 10 s, is not a change of
     * the code.
     */
    public static final class JmhOptionsInForce {
        /** The options that change what a figure means; the fork JVMs' flags are recorded beside them, not compared. */
        public static final List<String> COMPARED = List.of("profile", "forks", "warmupForks", "warmupIterations", "warmupTime",
                "warmupBatchSize", "measurementIterations", "measurementTime", "measurementBatchSize", "threads", "timeUnit", "timeout");

        /** One option: how the launcher's Options give it, and how JMH resolved it for one benchmark. */
        private record Setting(String name, Function<Options, Optional<?>> given, Function<BenchmarkParams, Object> ran) {
        }

        private static final List<Setting> SETTINGS = List.of(
                new Setting("forks", Options::getForkCount, BenchmarkParams::getForks),
                new Setting("warmupForks", Options::getWarmupForkCount, BenchmarkParams::getWarmupForks),
                new Setting("warmupIterations", Options::getWarmupIterations, p -> p.getWarmup().getCount()),
                new Setting("warmupTime", Options::getWarmupTime, p -> p.getWarmup().getTime()),
                new Setting("warmupBatchSize", Options::getWarmupBatchSize, p -> p.getWarmup().getBatchSize()),
                new Setting("measurementIterations", Options::getMeasurementIterations, p -> p.getMeasurement().getCount()),
                new Setting("measurementTime", Options::getMeasurementTime, p -> p.getMeasurement().getTime()),
                new Setting("measurementBatchSize", Options::getMeasurementBatchSize, p -> p.getMeasurement().getBatchSize()),
                new Setting("threads", Options::getThreads, BenchmarkParams::getThreads),
                new Setting("timeUnit", Options::getTimeUnit, BenchmarkParams::getTimeUnit),
                new Setting("timeout", Options::getTimeout, BenchmarkParams::getTimeout));

        private JmhOptionsInForce() {
        }

        /**
         * profile, each option of {@link #SETTINGS} (a value, or benchmark → value where the benchmarks
         * differ), and forkJvmArgs, the flags JMH started each benchmark's JVMs with.
         */
        public static Map<String, Object> of(String profile, Options options, Collection<BenchmarkParams> ran) {
            Map<String, Object> inForce = new LinkedHashMap<>();
            inForce.put("profile", profile);
            for (Setting setting : SETTINGS) {
                Optional<?> given = setting.given().apply(options);
                inForce.put(setting.name(), given.hasValue() ? plain(given.get()) : perBenchmark(ran, setting.ran()));
            }
            // JMH builds the forks' command line from the launcher's flags, -jvmArgs, -jvmArgsPrepend and -jvmArgsAppend
            inForce.put("forkJvmArgs", perBenchmark(ran, BenchmarkParams::getJvmArgs));
            return inForce;
        }

        /**
         * For a fingerprint written before the options in force were recorded: the profile and what the
         * JMH arguments asked for, which is what the same version of the suite resolves the same way.
         */
        static Map<String, Object> requested(Object profile, Object arguments) {
            Map<String, Object> requested = new LinkedHashMap<>();
            requested.put("profile", String.valueOf(profile));
            List<String> args = new ArrayList<>();
            if (arguments instanceof Collection<?> list) {
                list.forEach(a -> args.add(String.valueOf(a)));
            }
            Options options;
            try {
                options = new CommandLineOptions(args.toArray(String[]::new));
            } catch (CommandLineOptionException e) {
                requested.put("arguments", Unknown.because("cannot parse " + args + ": " + e.getMessage()));
                return requested;
            }
            for (Setting setting : SETTINGS) {
                Optional<?> given = setting.given().apply(options);
                requested.put(setting.name(), given.hasValue() ? plain(given.get()) : "the profile's or the benchmarks' default");
            }
            return requested;
        }

        private static Object perBenchmark(Collection<BenchmarkParams> ran, Function<BenchmarkParams, Object> value) {
            Map<String, Object> byBenchmark = new TreeMap<>();
            for (BenchmarkParams params : ran) {
                byBenchmark.put(ResultSet.shorten(params.getBenchmark()), plain(value.apply(params)));
            }
            if (byBenchmark.isEmpty()) {
                return Unknown.because("not set by the options, and no benchmark ran");
            }
            long distinct = byBenchmark.values().stream().map(String::valueOf).distinct().count();
            return distinct == 1 ? byBenchmark.values().iterator().next() : byBenchmark;
        }

        /** JSON-friendly: numbers stay numbers, time values read as JMH prints them ("1 s"), collections as lists. */
        private static Object plain(Object value) {
            if (value instanceof Number) {
                return value;
            }
            if (value instanceof Collection<?> collection) {
                return collection.stream().map(String::valueOf).toList();
            }
            return value instanceof TimeValue || value instanceof Enum<?> ? value.toString() : String.valueOf(value);
        }
    }
}
