package io.ipcbench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.ipcbench.core.Benchmarks;

/**
 * A check every run makes on itself. {@code pipe} and {@code fifo} are the same kernel object — a
 * pipe inode — opened two ways (pipe(2) versus mkfifo and open), so at the same payload and
 * placement their round trips must take the same time. When their 95 % intervals over forks do not
 * even overlap, the difference is not in the mechanisms but in the machine: its wake-up latency
 * moved while the run went from one transport to the other, and every other comparison in the run
 * is suspect by as much.
 */
public final class SelfCheck {
    private static final String PIPE = "pipe";
    private static final String FIFO = "fifo";

    private SelfCheck() {
    }

    public enum Outcome {
        AGREE, DISAGREE, NOT_CHECKED
    }

    /** One pipe/fifo pair of round-trip rows measured alike, and what the check found. */
    public record Pair(String where, ResultRow pipe, ResultRow fifo, Outcome outcome) {
        /** One line for people, e.g. "pipe and fifo disagree at 64 B: 29.1 µs vs 57.0 µs (…); …". */
        public String line() {
            ForkEstimate p = pipe.estimate();
            ForkEstimate f = fifo.estimate();
            String unit = " " + unitText(pipe.unit());
            return switch (outcome) {
                case DISAGREE -> "pipe and fifo disagree at " + where + ": " + Formats.number(p.median()) + unit + " vs "
                        + Formats.number(f.median()) + unit + " (95 % intervals " + p.intervalText() + " and " + f.intervalText()
                        + unit + " over " + p.forks() + " and " + f.forks() + " forks)"
                        + "; this machine's wake-up latency was unstable during the run";
                case AGREE -> "pipe and fifo agree at " + where + ": " + Formats.number(p.median()) + unit + " " + p.intervalText()
                        + " and " + Formats.number(f.median()) + unit + " " + f.intervalText();
                case NOT_CHECKED -> "pipe and fifo at " + where + " not checked: an interval needs at least " + ForkEstimate.MIN_FORKS
                        + " forks (pipe has " + p.forks() + ", fifo " + f.forks() + ")";
            };
        }
    }

    /** Every pair of pipe and fifo round-trip rows that differ only in the transport. */
    public static List<Pair> pairs(ResultSet results) {
        Map<String, ResultRow> pipes = new TreeMap<>();
        Map<String, ResultRow> fifos = new TreeMap<>();
        for (ResultRow row : results.rows()) {
            if (row.isRoundTrip() && (row.param(Benchmarks.TRANSPORT).equals(PIPE) || row.param(Benchmarks.TRANSPORT).equals(FIFO))) {
                (row.param(Benchmarks.TRANSPORT).equals(PIPE) ? pipes : fifos).put(sameExceptTransport(row), row);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (Map.Entry<String, ResultRow> entry : pipes.entrySet()) {
            ResultRow fifo = fifos.get(entry.getKey());
            if (fifo != null) {
                pairs.add(pair(entry.getValue(), fifo, varying(pipes.values())));
            }
        }
        pairs.sort(Comparator.comparingLong(p -> payload(p.pipe())));
        return pairs;
    }

    /** The warning lines of a result set: one per pair whose intervals do not overlap; empty if none. */
    public static List<String> warnings(ResultSet results) {
        return pairs(results).stream().filter(p -> p.outcome() == Outcome.DISAGREE).map(Pair::line).toList();
    }

    private static Pair pair(ResultRow pipe, ResultRow fifo, List<String> varying) {
        ForkEstimate p = pipe.estimate();
        ForkEstimate f = fifo.estimate();
        Outcome outcome = !p.hasInterval() || !f.hasInterval() ? Outcome.NOT_CHECKED
                : p.overlaps(f) ? Outcome.AGREE : Outcome.DISAGREE;
        StringBuilder where = new StringBuilder(pipe.param(Benchmarks.PAYLOAD)).append(" B");
        List<String> others = varying.stream().map(name -> name + "=" + pipe.param(name)).toList();
        if (!others.isEmpty()) {
            where.append(" (").append(String.join(", ", others)).append(')');
        }
        return new Pair(where.toString(), pipe, fifo, outcome);
    }

    private static String sameExceptTransport(ResultRow row) {
        Map<String, String> params = new TreeMap<>(row.params());
        params.remove(Benchmarks.TRANSPORT);
        return row.benchmark() + " " + row.mode() + " " + params;
    }

    /** Params other than transport and payload that take more than one value among these rows (placement, say). */
    private static List<String> varying(Collection<ResultRow> rows) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            row.params().forEach((name, value) -> values.computeIfAbsent(name, n -> new TreeSet<>()).add(value));
        }
        return values.entrySet().stream().filter(e -> !e.getKey().equals(Benchmarks.TRANSPORT) && !e.getKey().equals(Benchmarks.PAYLOAD))
                .filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    private static long payload(ResultRow row) {
        try {
            return Long.parseLong(row.param(Benchmarks.PAYLOAD));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** "us/op" → "µs". */
    static String unitText(String unit) {
        return unit.replace("/op", "").replace("us", "µs");
    }
}
