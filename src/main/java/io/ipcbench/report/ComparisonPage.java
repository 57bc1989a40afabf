package io.ipcbench.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

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
            line.cells().forEach(cell -> html.append("<td>").append(HtmlReport.escape(cell)).append("</td>"));
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
}
