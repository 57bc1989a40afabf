package io.ipcbench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Optional;

import io.ipcbench.core.Unknown;

/**
 * The JMH options a run was measured with — forks, warm-up and measurement iterations and times,
 * threads, the time unit and the profile — as fingerprint.json records them under "jmhOptions".
 * Each comes from the Options the launcher built (the user's arguments with the profile applied);
 * an option they leave unset was decided by the benchmark's annotations, and is taken from what
 * JMH ran each benchmark with. Two result sets that differ in one of {@link #COMPARED} are never
 * compared silently: three forks against one, or 1 s iterations against 10 s, is not a change of
 * the code.
 */
public final class JmhOptionsInForce {
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
            byBenchmark.put(shortName(params.getBenchmark()), plain(value.apply(params)));
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

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
