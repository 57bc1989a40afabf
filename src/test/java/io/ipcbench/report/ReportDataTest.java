package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The page's percentile curves: HdrHistogram's percentile plot, as far as samples support it, and the max. */
class ReportDataTest {
    @Test
    void aCurveStopsWhereTooFewSamplesLieBeyondAndEndsAtTheMax() {
        Histogram fork = new Histogram(3);
        for (int i = 1; i <= 10_000; i++) {
            fork.recordValue(i * 1_000L); // 1 µs … 10 ms
        }
        JsonNode curve = new ObjectMapper().valueToTree(ReportData.curve(List.of(fork, fork)));
        List<String> labels = new java.util.ArrayList<>();
        curve.get("labels").forEach(l -> labels.add(l.asText()));
        // 10,000 round trips: p99.9 has 10 beyond it, p99.95 only 5
        assertThat(labels).containsExactly("p50", "p75", "p90", "p95", "p99", "p99.5", "p99.9", "max");
        assertThat(curve.get("x").get(0).asDouble()).isEqualTo(2.0);
        assertThat(curve.get("x").get(6).asDouble()).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(curve.get("forks")).hasSize(2);
        assertThat(curve.get("forks").get(0).get(0).asDouble()).isCloseTo(5000, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(curve.get("forks").get(0).get(7).asDouble()).isCloseTo(10_000, org.assertj.core.data.Percentage.withPercentage(1));
    }
}
