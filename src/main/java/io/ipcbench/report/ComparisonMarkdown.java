package io.ipcbench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The comparison as Markdown, for a terminal and for a CI job summary, and as a page ({@link ComparisonPage}). */
public final class ComparisonMarkdown {
    private ComparisonMarkdown() {
    }

    public static String render(Comparison comparison, ResultSet baseline, ResultSet candidate, String noiseNote) {
        return page(comparison, baseline, candidate, noiseNote).markdown();
    }

    /** The comparison as a {@link ComparisonPage}: its verdict line first, the moved rows next, then the rest and the notes. */
    public static ComparisonPage page(Comparison comparison, ResultSet baseline, ResultSet candidate, String noiseNote) {
        List<String> about = List.of("Baseline: `" + baseline.where() + "`" + describe(baseline),
                "Candidate: `" + candidate.where() + "`" + describe(candidate));
        StringBuilder notes = new StringBuilder();
        notes.append(String.format(Locale.ROOT, "- A row is slower (faster) when the %.0f %% Welch t-interval of the change of its "
                + "log fork scores, at the Holm-corrected level over the %d rows tested, lies entirely above (below) its limit — the "
                + "%s %% threshold or the row's A/A noise floor, whichever is higher; direction from the JMH mode (throughput: "
                + "fewer is slower; time modes: more is slower).%n", (1 - Comparison.ALPHA) * 100, comparison.tested(),
                Formats.number(comparison.threshold() * 100)));
        notes.append(samplesNote(comparison));
        notes.append("- ").append(noiseNote).append('\n');
        notes.append(FloorBetweenSets.note(baseline.fingerprint(), candidate.fingerprint()));
        notes.append(placementNote(comparison));
        notes.append(modeChangeNote(comparison));
        boolean byPlacement = comparison.byPlacement();
        List<String> columns = new java.util.ArrayList<>(List.of("benchmark", "params", "mode"));
        if (byPlacement) {
            columns.add("placement");
        }
        columns.addAll(List.of("baseline", "candidate", "change", "95 % interval", "limit", "p (Holm)", "samples", "MDE"));
        List<ComparisonPage.Line> compared = comparison.rows().stream().filter(r -> r.baseline() != null && r.candidate() != null)
                .map(r -> line(r, byPlacement)).toList();
        List<ComparisonPage.Line> unmatched = comparison.rows().stream().filter(r -> r.baseline() == null || r.candidate() == null)
                .map(r -> line(r, false)).toList();
        return new ComparisonPage("ipc-bench: candidate vs baseline", about, columns, compared, unmatched,
                ComparisonPage.items(notes.toString()), true);
    }

    private static ComparisonPage.Line line(Comparison.Row row, boolean byPlacement) {
        ResultRow any = row.baseline() != null ? row.baseline() : row.candidate();
        List<String> cells = new java.util.ArrayList<>(List.of(any.benchmark(), any.paramsText(), any.mode()));
        if (byPlacement) {
            cells.add(row.placement());
        }
        cells.add(score(row.baseline(), row.basis() == null ? Double.NaN : row.basis().baselineMedian()));
        cells.add(score(row.candidate(), row.basis() == null ? Double.NaN : row.basis().candidateMedian()));
        cells.add(Double.isNaN(row.change()) ? "" : String.format(Locale.ROOT, "%+.1f %%", row.change() * 100));
        cells.add(interval(row));
        cells.add(String.format(Locale.ROOT, "%.0f %%", row.limit() * 100));
        cells.add(Double.isNaN(row.p()) ? "n/a" : String.format(Locale.ROOT, "%.3f", row.p()));
        cells.add(row.basis() == null ? "" : row.basis().text());
        cells.add(Double.isNaN(row.mde()) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", row.mde() * 100));
        return new ComparisonPage.Line(row.verdict(), cells);
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
