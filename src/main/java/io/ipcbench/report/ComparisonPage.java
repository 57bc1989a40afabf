package io.ipcbench.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.ipcbench.report.GateStatistics.DetectableEffect;
import io.ipcbench.report.PairedComparison.PairedRow;

/**
 * A comparison of two versions as a reader meets it, for {@code scripts/compare} and
 * {@code scripts/ab} alike: the verdict line first ("2 slower, 1 faster, 40 no change"), then only
 * the rows that moved, then the rest, and last what the verdicts mean. One model, two renderings:
 * Markdown for a terminal and a CI job summary, and one HTML page that works offline.
 *
 * @param title what was compared
 * @param about lines naming the two sides (Markdown)
 * @param columns the table's header, after the verdict column
 * @param lines every compared row, in the comparison's order
 * @param unmatched rows in one of the two sets only (missing, new): apart, out of the way
 * @param notes how to read the verdicts (Markdown list items)
 * @param twoSets true for two result sets measured apart (scripts/compare), whose rows may be in one set only: the verdict
 *        line then counts the missing and new ones too
 */
public record ComparisonPage(String title, List<String> about, List<String> columns, List<Line> lines, List<Line> unmatched,
        List<String> notes, boolean twoSets) {
    /** The verdicts that mean the row moved. */
    private static final Set<Comparison.Verdict> MOVED = EnumSet.of(Comparison.Verdict.SLOWER, Comparison.Verdict.FASTER);
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");

    /** One row: its verdict and its cells, after the verdict's, in {@link #columns}' order. */
    public record Line(Comparison.Verdict verdict, List<String> cells) {
    }

    /** "**2 slower**, 1 faster, 0 inconclusive, 40 no change" (with missing and new where there are any). */
    public String verdict() {
        List<Line> all = new ArrayList<>(lines);
        all.addAll(unmatched);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "**%d slower**, %d faster, %d inconclusive, %d no change",
                count(all, Comparison.Verdict.SLOWER), count(all, Comparison.Verdict.FASTER), count(all, Comparison.Verdict.INCONCLUSIVE),
                count(all, Comparison.Verdict.NO_CHANGE)));
        if (twoSets) {
            line.append(String.format(Locale.ROOT, ", %d missing, %d new", count(all, Comparison.Verdict.MISSING),
                    count(all, Comparison.Verdict.NEW)));
        }
        return line.toString();
    }

    private static long count(List<Line> lines, Comparison.Verdict verdict) {
        return lines.stream().filter(l -> l.verdict() == verdict).count();
    }

    private List<Line> moved() {
        return lines.stream().filter(l -> MOVED.contains(l.verdict())).toList();
    }

    private List<Line> rest() {
        return lines.stream().filter(l -> !MOVED.contains(l.verdict())).toList();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("## ").append(title).append("\n\n").append(verdict()).append("\n\n");
        about.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append('\n');
        List<Line> moved = moved();
        if (!moved.isEmpty()) {
            table(out, moved);
        }
        List<Line> rest = rest();
        if (!rest.isEmpty()) {
            if (moved.isEmpty()) {
                table(out, rest); // nothing moved: the rows are the answer, in plain sight
            } else {
                out.append("\n<details><summary>").append(rest.size()).append(" rows that did not move (no change, inconclusive)</summary>\n\n");
                table(out, rest);
                out.append("\n</details>\n");
            }
        }
        if (!unmatched.isEmpty()) {
            // a quick run against a full baseline leaves most rows unmatched: keep them out of the way
            out.append("\n<details><summary>").append(unmatched.size())
                    .append(" rows in only one of the two sets (missing: baseline only; new: candidate only)</summary>\n\n");
            table(out, unmatched);
            out.append("\n</details>\n");
        }
        out.append("\n**How to read it**\n\n");
        notes.forEach(note -> out.append("- ").append(note).append('\n'));
        return out.toString();
    }

    private void table(StringBuilder out, List<Line> rows) {
        out.append("| verdict | ").append(String.join(" | ", columns)).append(" |\n|---|");
        columns.forEach(c -> out.append("---|"));
        out.append('\n');
        for (Line line : rows) {
            out.append("| ").append(ComparisonMarkdown.mark(line.verdict())).append(line.verdict().label()).append(" | ")
                    .append(String.join(" | ", line.cells())).append(" |\n");
        }
    }

    /** The same as one self-contained page: the verdict line (id "verdict") first, then the moved rows, then the rest. */
    public String html() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(HtmlReport.escape(title)).append("</title>\n<style>").append(HtmlReport.resource("io/ipcbench/report/report.css"))
                .append(".slower td:first-child{color:#b00020;font-weight:600}.faster td:first-child{color:#1b7f3b;font-weight:600}"
                        + "</style></head><body>\n<header><h1>").append(HtmlReport.escape(title)).append("</h1></header>\n")
                .append("<section id=\"verdict\"><p class=\"machine\">").append(inline(verdict())).append("</p><ul>");
        about.forEach(line -> html.append("<li>").append(inline(line)).append("</li>"));
        html.append("</ul></section>\n");
        List<Line> moved = moved();
        html.append("<section><h2>Rows that moved</h2>\n").append(moved.isEmpty() ? "<p>None.</p>\n" : htmlTable(moved)).append("</section>\n");
        List<Line> rest = rest();
        if (!rest.isEmpty()) {
            html.append("<section><details").append(moved.isEmpty() ? " open" : "").append("><summary>").append(rest.size())
                    .append(" rows that did not move (no change, inconclusive)</summary>\n").append(htmlTable(rest)).append("</details></section>\n");
        }
        if (!unmatched.isEmpty()) {
            html.append("<section><details><summary>").append(unmatched.size())
                    .append(" rows in only one of the two sets</summary>\n").append(htmlTable(unmatched)).append("</details></section>\n");
        }
        html.append("<section id=\"method\"><h2>How to read it</h2><ul>");
        notes.forEach(note -> html.append("<li>").append(inline(note)).append("</li>"));
        return html.append("</ul></section>\n</body></html>\n").toString();
    }

    private String htmlTable(List<Line> rows) {
        StringBuilder html = new StringBuilder("<table><tr><th>verdict</th>");
        columns.forEach(c -> html.append("<th>").append(HtmlReport.escape(c)).append("</th>"));
        html.append("</tr>\n");
        for (Line line : rows) {
            html.append("<tr class=\"").append(line.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-')).append("\"><td>")
                    .append(HtmlReport.escape(line.verdict().label())).append("</td>");
            HtmlReport.cells(html, line.cells().toArray(String[]::new));
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /** Markdown list text ("- a\n- b\n", as the notes' builders write it) as its items, without the dashes. */
    static List<String> items(String bullets) {
        List<String> items = new ArrayList<>();
        for (String line : bullets.split("\n")) {
            if (line.startsWith("- ")) {
                items.add(line.substring(2));
            } else if (!line.isBlank() && !items.isEmpty()) {
                items.set(items.size() - 1, items.get(items.size() - 1) + " " + line.trim());
            }
        }
        return items;
    }

    /** The little Markdown the notes use — `code` and **bold** — as HTML, everything else escaped. */
    static String inline(String markdown) {
        String html = HtmlReport.escape(markdown);
        html = CODE.matcher(html).replaceAll("<code>$1</code>");
        return BOLD.matcher(html).replaceAll("<b>$1</b>");
    }

    /** The comparison as Markdown, for a terminal and for a CI job summary, and as a page ({@link ComparisonPage}). */
    public static final class ComparisonMarkdown {
        private ComparisonMarkdown() {
        }

        /** The comparison as a {@link ComparisonPage}: its verdict line first, the moved rows next, then the rest and the notes. */
        public static ComparisonPage page(Comparison comparison, ResultSet baseline, ResultSet candidate, String noiseNote) {
            List<String> about = List.of("Baseline: `" + baseline.where() + "`" + describe(baseline),
                    "Candidate: `" + candidate.where() + "`" + describe(candidate));
            StringBuilder notes = new StringBuilder();
            notes.append(String.format(Locale.ROOT, "- A row is slower (faster) when the %.0f %% Welch t-interval of the change of its "
                    + "log fork values, at the Holm-corrected level over the %d rows tested, lies entirely above (below) its limit — the "
                    + "%s %% threshold or the row's A/A noise floor, whichever is higher; direction from the JMH mode (throughput: "
                    + "fewer is slower; time modes: more is slower).%n", (1 - Comparison.ALPHA) * 100, comparison.tested(),
                    Formats.number(comparison.threshold() * 100)));
            notes.append(samplesNote(comparison));
            notes.append("- ").append(noiseNote).append('\n');
            notes.append(Floors.BetweenSets.note(baseline.fingerprint(), candidate.fingerprint()));
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
            cells.add(score(row.baseline(), row.basis(), false));
            cells.add(score(row.candidate(), row.basis(), true));
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

        /** The median of the figure the comparison judged the row by, with its unit; for an unmatched row its own score's centre. */
        private static String score(ResultRow row, Comparison.Basis basis, boolean candidate) {
            if (row == null) {
                return "";
            }
            if (basis == null) {
                return Formats.number(row.center()) + " " + row.unit();
            }
            return Formats.number(candidate ? basis.candidateMedian() : basis.baselineMedian()) + " " + basis.unit();
        }

        /** The samples are forks; rows with too few forks are said once, with what to do. */
        private static String samplesNote(Comparison comparison) {
            String note = "- Samples: forks. Each fork gives one sample (the variance between JVMs is larger than within one): a round "
                    + "trip's RTT p50 where both sets recorded every round trip (the figure that reproduces; its mean carries every stall "
                    + "of the host), else the fork's score; the baseline and candidate columns are its median over forks, and "
                    + "\"change\" is that median's raw change. The interval is oriented so that + "
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
                String withoutMode = any.name();
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

    /** scripts/ab's report ({@link ComparisonPage}, as scripts/compare's): Markdown for a terminal, summary.md and a CI job summary; summary.html. */
    public static final class PairedMarkdown {
        private PairedMarkdown() {
        }

        /**
         * The report as a {@link ComparisonPage}: its verdict line first, the moved rows next, then the rest and the notes.
         *
         * @param header lines describing the run (baseline, candidate, rounds, seed, run folder), each rendered as a list item
         */
        public static ComparisonPage page(PairedComparison comparison, java.util.List<String> header, int minPairs, String earlyStopNote,
                String mdeNote) {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "- Each pair is one fork of the baseline and one of the candidate, back to back in random "
                    + "order. Each fork gives one figure: a round trip's RTT p50 (the median of all its round trips, the figure "
                    + "that reproduces; its mean carries every stall of the host), every other row's JMH score; the baseline and "
                    + "candidate columns say which. The pair's ratio candidate/baseline is oriented by the JMH mode so that > 1 is "
                    + "slower. A row is **slower** "
                    + "(faster) when the %.0f %% Student-t interval of its mean log ratio, at the Holm-corrected level over the rows "
                    + "tested, lies entirely above +%s %% (below −%s %%); **inconclusive** with fewer than %d kept pairs; else no change.%n",
                    (1 - comparison.alpha()) * 100, pct(comparison.minEffect()), pct(comparison.minEffect()), minPairs));
            out.append("- ").append(earlyStopNote).append('\n');
            out.append(String.format(Locale.ROOT, "- Floor: %d pairs set aside because their two forks ran in different placements of "
                    + "the host (HostPlacements, classed over every fork of the run by the floor each fork measured after its trial: a "
                    + "fast fork is never paired with a slow one) or, for a pair a fork of which has no floor of its own, because the "
                    + "machine's floor moved more than %.1f× within it (the cache-line RTT at either launcher's start or end); column "
                    + "\"set aside\". Column \"pairs\" counts the kept pairs per placement.%n", comparison.setAside(),
                    io.ipcbench.floor.FloorDrift.FACTOR));
            out.append("- ").append(mdeNote).append('\n');
            long noisy = comparison.rows().stream()
                    .filter(r -> r.verdict() != Comparison.Verdict.INCONCLUSIVE && r.noisy(comparison.minEffect())).count();
            if (noisy > 0) {
                out.append(String.format(Locale.ROOT, "- **%d rows are too noisy** for a %s %% limit with the pairs run: their MDE is "
                        + "more than %.0f× the limit (⚠ in the table); run more rounds, or read them as unable to show small slowdowns.%n",
                        noisy, pct(comparison.minEffect()), DetectableEffect.NOISY_FACTOR));
            }
            java.util.List<ComparisonPage.Line> lines = new java.util.ArrayList<>();
            for (PairedComparison.Row r : comparison.rows()) {
                PairedRow row = r.row();
                // an inconclusive row's interval and MDE (t with one degree of freedom is 12.7) say nothing: not shown
                boolean tested = r.verdict() != Comparison.Verdict.INCONCLUSIVE;
                double[] ci = tested ? r.effect().interval(1 - comparison.alpha()) : new double[] {Double.NaN, Double.NaN};
                double mde = tested ? r.mde() : Double.NaN;
                lines.add(new ComparisonPage.Line(r.verdict(), java.util.List.of(row.benchmark(), row.params(), row.mode(),
                        score(row.median(false), row.unit()), score(row.median(true), row.unit()), change(row.medianSlowdown()),
                        Double.isNaN(ci[0]) ? "n/a" : "[" + change(Math.exp(ci[0])) + ", " + change(Math.exp(ci[1])) + "]",
                        Double.isNaN(r.judged().adjustedP()) ? "n/a" : String.format(Locale.ROOT, "%.3f", r.judged().adjustedP()),
                        pairsText(row), Integer.toString(row.setAsideCount()),
                        Double.isNaN(mde) ? "n/a" : (r.noisy(comparison.minEffect()) ? "⚠ " : "") + String.format(Locale.ROOT, "%.1f %%", mde * 100))));
            }
            return new ComparisonPage("ipc-bench: candidate vs baseline, paired on one machine (scripts/ab)", header,
                    java.util.List.of("benchmark", "params", "mode", "baseline", "candidate", "slowdown", "95 % interval", "p (Holm)", "pairs",
                            "set aside", "MDE"), lines, java.util.List.of(), ComparisonPage.items(out.toString()), false);
        }

        /** "7" or "4 (stopped after round 4)", with failed pairs named. */
        private static String pairsText(PairedRow row) {
            String text = Integer.toString(row.kept().size());
            String placements = row.placementsText();
            if (!placements.isEmpty()) {
                text += " (" + placements + ")";
            }
            if (row.stoppedAfter() > 0) {
                text += " (stopped after round " + row.stoppedAfter() + ")";
            }
            if (row.failedPairs() > 0) {
                text += ", " + row.failedPairs() + " failed";
            }
            return text;
        }

        private static String score(double value, String unit) {
            return Double.isNaN(value) ? "n/a" : Formats.number(value) + " " + unit;
        }

        /** A factor as a signed percentage: 1.083 → "+8.3 %". */
        private static String change(double factor) {
            return Double.isNaN(factor) ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", (factor - 1) * 100);
        }

        private static String pct(double fraction) {
            return new java.math.BigDecimal(Double.toString(fraction * 100)).stripTrailingZeros().toPlainString();
        }
    }
}
