package io.ipcbench.report;

import java.util.List;
import java.util.Locale;

/** The comparison as Markdown, for a terminal and for a CI job summary. */
public final class ComparisonMarkdown {
    private ComparisonMarkdown() {
    }

    public static String render(Comparison comparison, ResultSet baseline, ResultSet candidate, String noiseNote) {
        StringBuilder out = new StringBuilder();
        out.append("## ipc-bench: candidate vs baseline\n\n");
        out.append("- Baseline: `").append(baseline.json()).append('`').append(describe(baseline)).append('\n');
        out.append("- Candidate: `").append(candidate.json()).append('`').append(describe(candidate)).append('\n');
        out.append(String.format(Locale.ROOT, "- A row is slower or faster when its median per-iteration score changed by more than its "
                + "limit — the %.0f %% threshold or the row's A/A noise floor, whichever is higher — and Welch's t-test on log "
                + "per-iteration scores gives p < %.2f; sample-time rows compare per-iteration medians.%n",
                comparison.threshold() * 100, Comparison.ALPHA));
        out.append("- ").append(noiseNote).append("\n\n");
        out.append(String.format(Locale.ROOT, "**%d slower**, %d faster, %d no change, %d missing, %d new%n%n",
                comparison.count(Comparison.Verdict.SLOWER), comparison.count(Comparison.Verdict.FASTER),
                comparison.count(Comparison.Verdict.NO_CHANGE), comparison.count(Comparison.Verdict.MISSING),
                comparison.count(Comparison.Verdict.NEW)));
        List<Comparison.Row> compared = comparison.rows().stream().filter(r -> r.baseline() != null && r.candidate() != null).toList();
        List<Comparison.Row> unmatched = comparison.rows().stream().filter(r -> r.baseline() == null || r.candidate() == null).toList();
        table(out, compared);
        if (!unmatched.isEmpty()) {
            // a quick run against a full baseline leaves most rows unmatched: keep them out of the way
            out.append("\n<details><summary>").append(unmatched.size())
                    .append(" rows in only one of the two sets (missing: baseline only; new: candidate only)</summary>\n\n");
            table(out, unmatched);
            out.append("\n</details>\n");
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<Comparison.Row> rows) {
        out.append("| verdict | benchmark | params | mode | baseline | candidate | change | limit | p |\n");
        out.append("|---|---|---|---|---:|---:|---:|---:|---:|\n");
        for (Comparison.Row row : rows) {
            ResultRow any = row.baseline() != null ? row.baseline() : row.candidate();
            out.append("| ").append(mark(row.verdict())).append(row.verdict().label())
                    .append(" | ").append(any.benchmark())
                    .append(" | ").append(any.paramsText())
                    .append(" | ").append(any.mode())
                    .append(" | ").append(score(row.baseline()))
                    .append(" | ").append(score(row.candidate()))
                    .append(" | ").append(Double.isNaN(row.change()) ? "" : String.format(Locale.ROOT, "%+.1f %%", row.change() * 100))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f %%", row.limit() * 100))
                    .append(" | ").append(Double.isNaN(row.p()) ? "n/a" : String.format(Locale.ROOT, "%.3f", row.p()))
                    .append(" |\n");
        }
    }

    private static String describe(ResultSet set) {
        return set.fingerprint() == null ? " (no fingerprint)" : " — " + set.fingerprint().summary();
    }

    private static String mark(Comparison.Verdict verdict) {
        return switch (verdict) {
            case SLOWER -> "🔴 ";
            case FASTER -> "🟢 ";
            case MISSING, NEW -> "⚪ ";
            case NO_CHANGE -> "";
        };
    }

    private static String score(ResultRow row) {
        if (row == null) {
            return "";
        }
        double median = row.iterations().isEmpty() ? row.score()
                : org.apache.commons.math3.stat.StatUtils.percentile(row.iterations().stream().mapToDouble(Double::doubleValue).toArray(), 50);
        return Formats.number(median) + " " + row.unit();
    }
}
