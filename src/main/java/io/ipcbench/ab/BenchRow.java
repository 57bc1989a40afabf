package io.ipcbench.ab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.report.ResultRow;
import io.ipcbench.report.ResultSet;

/**
 * One row scripts/ab measures: a benchmark method in one mode with one value of every param —
 * what one JMH fork with {@code -f 1} measures when given exactly these.
 *
 * @param benchmark the full method name, as JMH's regexps match it
 * @param mode JMH's short label: avgt, thrpt, sample, ss
 * @param params what the fork is given with {@code -p}; the row is known by their
 *        {@linkplain TransportRegistry#rowIdentity identity}, as result sets know it
 */
public record BenchRow(String benchmark, String mode, SortedMap<String, String> params) {

    /** "RoundTripBenchmark.roundTrip", as the reports name it. */
    public String shortName() {
        return ResultSet.shorten(benchmark);
    }

    public String paramsText() {
        return ResultRow.paramsText(TransportRegistry.rowIdentity(params));
    }

    /** The JMH options that make a fork measure exactly this row. */
    public List<String> jmhArgs() {
        List<String> args = new ArrayList<>(List.of("-f", "1", "-bm", mode));
        params.forEach((name, value) -> {
            // the benchmarks' default wait and capacity go unsaid, so that a suite from before those axes can run the row too
            if (!(name.equals(Benchmarks.WAIT) && value.equals(WaitMode.BY_DESIGN))
                    && !(name.equals(Benchmarks.CAPACITY) && value.equals(Capacity.BY_DESIGN))) {
                args.addAll(List.of("-p", name + "=" + value));
            }
        });
        args.add("^" + java.util.regex.Pattern.quote(benchmark) + "$");
        return args;
    }

    /**
     * A param's values when {@code -p} does not give them: the benchmark's own, except the transports,
     * which a suite that lists none in its {@code @Param} leaves to the registry's default sweep (as its
     * launcher does); an older suite's own list is kept.
     */
    private static List<String> defaultValues(String name, String[] annotated) {
        return name.equals(Benchmarks.TRANSPORT) && annotated.length == 0 ? TransportRegistry.defaultNames() : List.of(annotated);
    }

    private static boolean onRequestOnly(String benchmark) {
        return java.util.Arrays.stream(Benchmarks.values()).anyMatch(b -> b.onRequestOnly() && b.is(benchmark));
    }

    /**
     * The rows the options select from a built suite's benchmark list (target/test-classes/META-INF/BenchmarkList):
     * the regexps (all when none, less those that run only on request) and excludes, each benchmark's modes (or -bm), and every combination
     * of its params' values (those given with -p, else the benchmark's defaults).
     */
    public static List<BenchRow> select(Path benchmarkList, CommandLineOptions options) {
        List<String> includes = options.getIncludes().isEmpty() ? List.of(".*") : options.getIncludes();
        SortedSet<BenchmarkListEntry> entries = BenchmarkList.fromFile(benchmarkList.toString())
                .find(OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), includes, options.getExcludes());
        List<BenchRow> rows = new ArrayList<>();
        for (BenchmarkListEntry entry : entries) {
            if (onRequestOnly(entry.getUsername()) && !Benchmarks.selectedExplicitly(options.getIncludes(), entry.getUsername())) {
                continue; // as in a run: the load sweep only when a regexp asks for it
            }
            Collection<Mode> modes = options.getBenchModes().isEmpty() ? List.of(entry.getMode()) : options.getBenchModes();
            Map<String, String[]> defaults = entry.getParams().orElse(Map.of());
            List<SortedMap<String, String>> combinations = List.of(new TreeMap<>());
            for (String name : new java.util.TreeSet<>(defaults.keySet())) {
                Collection<String> values = options.getParameter(name).orElse(defaultValues(name, defaults.get(name)));
                List<SortedMap<String, String>> next = new ArrayList<>();
                for (SortedMap<String, String> partial : combinations) {
                    for (String value : values) {
                        TreeMap<String, String> more = new TreeMap<>(partial);
                        more.put(name, value);
                        next.add(more);
                    }
                }
                combinations = next;
            }
            for (Mode mode : modes) {
                if (mode == Mode.All) {
                    throw new BadInput("-bm all: give the modes one by one (-bm avgt,thrpt), each row is one mode");
                }
                for (SortedMap<String, String> params : combinations) {
                    rows.add(new BenchRow(entry.getUsername(), mode.shortLabel(), params));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new BadInput("no benchmark of " + benchmarkList + " matches " + String.join(" ", includes));
        }
        return List.copyOf(rows);
    }
}
