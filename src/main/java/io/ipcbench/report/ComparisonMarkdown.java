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
        out.append(String.format(Locale.ROOT, "- A row is slower (faster) when the %.0f %% Welch t-interval of the change of its "
                + "log fork scores, at the Holm-corrected level over the %d rows tested, lies entirely above (below) its limit — the "
                + "%s %% threshold or the row's A/A noise floor, whichever is higher; direction from the JMH mode (throughput: "
                + "fewer is slower; time modes: more is slower).%n", (1 - Comparison.ALPHA) * 100, comparison.tested(),
                Formats.number(comparison.threshold() * 100)));
        out.append(samplesNote(comparison));
        out.append("- ").append(noiseNote).append('\n');
        out.append(FloorBetweenSets.note(baseline.fingerprint(), candidate.fingerprint()));
        out.append(placementNote(comparison));
        out.append(modeChangeNote(comparison)).append('\n');
        out.append(String.format(Locale.ROOT, "**%d slower**, %d faster, %d inconclusive, %d no change, %d missing, %d new%n%n",
                comparison.count(Comparison.Verdict.SLOWER), comparison.count(Comparison.Verdict.FASTER),
                comparison.count(Comparison.Verdict.INCONCLUSIVE),
                comparison.count(Comparison.Verdict.NO_CHANGE), comparison.count(Comparison.Verdict.MISSING),
                comparison.count(Comparison.Verdict.NEW)));
        List<Comparison.Row> compared = comparison.rows().stream().filter(r -> r.baseline() != null && r.candidate() != null).toList();
        List<Comparison.Row> unmatched = comparison.rows().stream().filter(r -> r.baseline() == null || r.candidate() == null).toList();
        table(out, compared, comparison.byPlacement());
        if (!unmatched.isEmpty()) {
            // a quick run against a full baseline leaves most rows unmatched: keep them out of the way
            out.append("\n<details><summary>").append(unmatched.size())
                    .append(" rows in only one of the two sets (missing: baseline only; new: candidate only)</summary>\n\n");
            table(out, unmatched, false);
            out.append("\n</details>\n");
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<Comparison.Row> rows, boolean byPlacement) {
        out.append("| verdict | benchmark | params | mode |").append(byPlacement ? " placement |" : "")
                .append(" baseline | candidate | change | 95 % interval | limit | p (Holm) | samples | MDE |\n");
        out.append("|---|---|---|---|").append(byPlacement ? "---|" : "").append("---:|---:|---:|---|---:|---:|---|---:|\n");
        for (Comparison.Row row : rows) {
            ResultRow any = row.baseline() != null ? row.baseline() : row.candidate();
            out.append("| ").append(mark(row.verdict())).append(row.verdict().label())
                    .append(" | ").append(any.benchmark())
                    .append(" | ").append(any.paramsText())
                    .append(" | ").append(any.mode())
                    .append(byPlacement ? " | " + row.placement() : "")
                    .append(" | ").append(score(row.baseline(), row.basis() == null ? Double.NaN : row.basis().baselineMedian()))
                    .append(" | ").append(score(row.candidate(), row.basis() == null ? Double.NaN : row.basis().candidateMedian()))
                    .append(" | ").append(Double.isNaN(row.change()) ? "" : String.format(Locale.ROOT, "%+.1f %%", row.change() * 100))
                    .append(" | ").append(interval(row))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f %%", row.limit() * 100))
                    .append(" | ").append(Double.isNaN(row.p()) ? "n/a" : String.format(Locale.ROOT, "%.3f", row.p()))
                    .append(" | ").append(row.basis() == null ? "" : row.basis().text())
                    .append(" | ").append(Double.isNaN(row.mde()) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", row.mde() * 100))
                    .append(" |\n");
        }
    }

    /** The slowdown's 95 % interval, oriented so that + is slower, e.g. "[+8.1 %, +52.3 %]"; n/a for a row not tested. */
    private static String interval(Comparison.Row row) {
        if (row.effect() == null || Double.isNaN(row.p())) {
            return "n/a";
        }
        double[] ci = row.effect().interval(1 - Comparison.ALPHA);
        return String.format(Locale.ROOT, "[%+.1f %%, %+.1f %%]", Math.expm1(ci[0]) * 100, Math.expm1(ci[1]) * 100);
    }

    /** Which placements the host used across both sets, and how many rows and forks each compared; empty for one placement. */
    private static String placementNote(Comparison comparison) {
        if (!comparison.byPlacement()) {
            return "";
        }
        return "- Placements (HostPlacements, from every fork's floor over both sets): " + comparison.placements().summary()
                + ". Each row is compared only over forks of one placement, once per placement both sets measured it in: "
                + String.join("; ", comparison.placementCounts()) + ".\n";
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

    /** The samples are forks; rows with too few forks are said once, with what to do. */
    private static String samplesNote(Comparison comparison) {
        String note = "- Samples: forks. Each fork's score is one sample (the variance between JVMs is larger than within one); "
                + "the score is the median over forks; \"change\" is that median's raw change. The interval is oriented so that + "
                + "is slower (for throughput, the equivalent rise in time per operation). MDE: the smallest slowdown the row could detect with these forks (80 % power, Holm's strictest step).\n";
        long inconclusive = comparison.count(Comparison.Verdict.INCONCLUSIVE);
        if (inconclusive > 0) {
            note += "- **" + inconclusive + " rows are inconclusive**: fewer than " + ForkEstimate.MIN_FORKS + " forks in a set "
                    + "(one-fork sets such as results/earlier/ cannot show a change between JVMs); measure both with `-f 3` or more, "
                    + "as the profiles do, or compare side by side with scripts/ab.\n";
        }
        return note;
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
