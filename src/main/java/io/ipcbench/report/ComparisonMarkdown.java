package io.ipcbench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The comparison as Markdown, for a terminal and for a CI job summary. */
public final class ComparisonMarkdown {
    private ComparisonMarkdown() {
    }

    public static String render(Comparison comparison, ResultSet baseline, ResultSet candidate, String noiseNote) {
        StringBuilder out = new StringBuilder();
        out.append("## ipc-bench: candidate vs baseline\n\n");
        out.append("- Baseline: `").append(baseline.json()).append('`').append(describe(baseline)).append('\n');
        out.append("- Candidate: `").append(candidate.json()).append('`').append(describe(candidate)).append('\n');
        out.append(String.format(Locale.ROOT, "- A row is slower or faster when its median score changed by more than its "
                + "limit — the %.0f %% threshold or the row's A/A noise floor, whichever is higher — and Welch's t-test on the "
                + "log scores gives p < %.2f.%n", comparison.threshold() * 100, Comparison.ALPHA));
        out.append(samplesNote(comparison));
        out.append("- ").append(noiseNote).append('\n');
        out.append(modeChangeNote(comparison)).append('\n');
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
        out.append("| verdict | benchmark | params | mode | baseline | candidate | change | limit | p | samples |\n");
        out.append("|---|---|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Comparison.Row row : rows) {
            ResultRow any = row.baseline() != null ? row.baseline() : row.candidate();
            out.append("| ").append(mark(row.verdict())).append(row.verdict().label())
                    .append(" | ").append(any.benchmark())
                    .append(" | ").append(any.paramsText())
                    .append(" | ").append(any.mode())
                    .append(" | ").append(score(row.baseline(), row.basis() == null ? Double.NaN : row.basis().baselineMedian()))
                    .append(" | ").append(score(row.candidate(), row.basis() == null ? Double.NaN : row.basis().candidateMedian()))
                    .append(" | ").append(Double.isNaN(row.change()) ? "" : String.format(Locale.ROOT, "%+.1f %%", row.change() * 100))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f %%", row.limit() * 100))
                    .append(" | ").append(Double.isNaN(row.p()) ? "n/a" : String.format(Locale.ROOT, "%.3f", row.p()))
                    .append(" | ").append(row.basis() == null ? "" : row.basis().text())
                    .append(" |\n");
        }
    }

    private static String describe(ResultSet set) {
        return set.fingerprint() == null ? " (no fingerprint)" : " — " + set.fingerprint().summary();
    }

    static String mark(Comparison.Verdict verdict) {
        return switch (verdict) {
            case SLOWER -> "🔴 ";
            case FASTER -> "🟢 ";
            case MISSING, NEW -> "⚪ ";
            case INCONCLUSIVE -> "🟡 ";
            case NO_CHANGE -> "";
        };
    }

    /** The median the comparison used, or for an unmatched row its own center. */
    private static String score(ResultRow row, double median) {
        if (row == null) {
            return "";
        }
        return Formats.number(Double.isNaN(median) ? row.center() : median) + " " + row.unit();
    }

    /** What the samples were: forks, or (where a set has one fork) iterations, with the caveat. */
    private static String samplesNote(Comparison comparison) {
        long compared = comparison.rows().stream().filter(r -> r.basis() != null).count();
        long byIteration = comparison.countByIteration();
        if (byIteration == 0) {
            return "- Samples: forks. Each fork's score is one sample (the variance between JVMs is larger than within one); "
                    + "the score is the median over forks.\n";
        }
        return "- **Samples: iterations for " + byIteration + " of " + compared + " rows**, because a result set has only one fork "
                + "there: today's fallback. Iterations of one JVM miss the variance between JVMs, so those p-values are "
                + "over-optimistic; measure both sets with 3 or more forks (`-f 3`, as the profiles do) to compare forks. "
                + "Sample-time rows compare per-iteration medians.\n";
    }

    /**
     * Rows that miss their partner only because the mode changed (round trips moved from SampleTime
     * to AverageTime): said once, so the reader does not hunt for a bug.
     */
    private static String modeChangeNote(Comparison comparison) {
        Map<String, String> missing = new TreeMap<>();
        Map<String, String> added = new TreeMap<>();
        for (Comparison.Row row : comparison.rows()) {
            ResultRow any = row.baseline() != null ? row.baseline() : row.candidate();
            String withoutMode = any.benchmark() + " " + any.paramsText();
            if (row.verdict() == Comparison.Verdict.MISSING) {
                missing.put(withoutMode, any.mode());
            } else if (row.verdict() == Comparison.Verdict.NEW) {
                added.put(withoutMode, any.mode());
            }
        }
        Map<String, Long> changes = missing.entrySet().stream().filter(e -> added.containsKey(e.getKey()))
                .collect(Collectors.groupingBy(e -> e.getKey().substring(0, e.getKey().indexOf(' ')) + " was measured in mode "
                        + e.getValue() + " in the baseline and " + added.get(e.getKey()) + " in the candidate", TreeMap::new,
                        Collectors.counting()));
        StringBuilder note = new StringBuilder();
        changes.forEach((what, count) -> note.append("- ").append(what).append(" (").append(count)
                .append(" rows): different statistics, not compared; measure the baseline again with this version.\n"));
        return note.toString();
    }
}
