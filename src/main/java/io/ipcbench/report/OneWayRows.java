package io.ipcbench.report;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import io.ipcbench.core.Benchmarks;

/**
 * What the report sets beside a one-way figure (docs/ARCHITECTURE.md, "One-way latency"): a stream
 * row's one-way percentiles ({@link ResultRow#oneWay()}) beside half the round trip of the same
 * mechanism, payload, placement, wait and capacity. They differ for good reasons: a round trip
 * includes two wake-ups and no queue, a stream at full speed one wake-up at most and its queue.
 */
public final class OneWayRows {
    private OneWayRows() {
    }

    /** The round-trip row of {@code rows} with exactly the params of {@code stream}, or null. */
    public static ResultRow roundTripBeside(List<ResultRow> rows, ResultRow stream) {
        SortedMap<String, String> params = new TreeMap<>(stream.params());
        return rows.stream().filter(ResultRow::isRoundTrip).filter(row -> row.params().equals(params)).findFirst().orElse(null);
    }

    /**
     * Half the round trip's percentile {@code label} ("p50" … "max"), µs, as the median over forks
     * with its interval halved too; null when the row has no such percentile.
     */
    public static ForkEstimate halfRoundTrip(ResultRow roundTrip, String label) {
        Latency latency = Objects.requireNonNull(roundTrip).latency();
        Latency.Percentile percentile = latency == null ? null : latency.get(label);
        ForkEstimate value = percentile == null ? null : percentile.value();
        return value == null ? null : new ForkEstimate(value.median() / 2, value.low() / 2, value.high() / 2, value.forks());
    }

    /** The one-way rows of a result set: streams and one-way load rows that carry one-way percentiles. */
    public static List<ResultRow> withOneWay(List<ResultRow> rows) {
        return rows.stream().filter(row -> row.oneWay() != null
                && (row.isStream() || Benchmarks.LOAD.is(row.benchmark()))).toList();
    }
}
