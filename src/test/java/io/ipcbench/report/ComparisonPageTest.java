package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A comparison answers first: the verdict line, then only the rows that moved, then the rest. */
class ComparisonPageTest {
    private static final ComparisonPage PAGE = new ComparisonPage("ipc-bench: candidate vs baseline", List.of("Baseline: `results/a`"),
            List.of("benchmark", "change"),
            List.of(line(Comparison.Verdict.NO_CHANGE, "quiet"), line(Comparison.Verdict.SLOWER, "worse"),
                    line(Comparison.Verdict.INCONCLUSIVE, "unsure"), line(Comparison.Verdict.FASTER, "better")),
            List.of(line(Comparison.Verdict.NEW, "added")), ComparisonPage.items("- a **bold** note\n- a `code` note\n  that wraps\n"), true);

    @Test
    void theMarkdownOpensWithTheVerdictThenTheRowsThatMoved() {
        String markdown = PAGE.markdown();
        assertThat(markdown).startsWith("## ipc-bench: candidate vs baseline\n\n**1 slower**, 1 faster, 1 inconclusive, 1 no change, 0 missing, 1 new\n");
        int moved = markdown.indexOf("| 🔴 slower | worse |");
        assertThat(moved).isPositive().isLessThan(markdown.indexOf("2 rows that did not move"));
        assertThat(markdown.indexOf("| 🟢 faster | better |")).isBetween(moved, markdown.indexOf("2 rows that did not move"));
        assertThat(markdown.indexOf("| no change | quiet |")).isGreaterThan(markdown.indexOf("2 rows that did not move"));
        assertThat(markdown.indexOf("**How to read it**")).isGreaterThan(markdown.indexOf("added"));
        assertThat(markdown).contains("- a `code` note that wraps");
    }

    @Test
    void thePageHasTheSameOrderAndEscapesEverything() {
        String html = PAGE.html();
        assertThat(html.indexOf("id=\"verdict\"")).isPositive().isLessThan(html.indexOf("Rows that moved"));
        assertThat(html).contains("<b>1 slower</b>, 1 faster").contains("<li>a <b>bold</b> note</li>").contains("<code>code</code>")
                .contains("<tr class=\"slower\"><td>slower</td><td>worse</td>")
                .doesNotContainPattern("<script[^>]+src=");
        assertThat(html.indexOf("worse")).isLessThan(html.indexOf("quiet"));
        assertThat(ComparisonPage.inline("<b> & `x`")).isEqualTo("&lt;b&gt; &amp; <code>x</code>");
    }

    @Test
    void whenNothingMovedTheRowsAreInPlainSight() {
        ComparisonPage quiet = new ComparisonPage("t", List.of(), List.of("benchmark"), List.of(line(Comparison.Verdict.NO_CHANGE, "quiet")),
                List.of(), List.of(), false);
        assertThat(quiet.markdown()).contains("**0 slower**, 0 faster, 0 inconclusive, 1 no change\n").doesNotContain("<details>")
                .doesNotContain("missing");
        assertThat(quiet.html()).contains("<p>None.</p>").contains("<details open>");
    }

    private static ComparisonPage.Line line(Comparison.Verdict verdict, String what) {
        return new ComparisonPage.Line(verdict, List.of(what, "+1 %"));
    }
}
