package io.ipcbench.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.WaitMode;
import io.ipcbench.registry.TransportRegistry;

/**
 * A blocking round trip taken apart: for every transport, payload and placement whose round trip
 * was measured both blocking and spinning (-p wait=block,spin), the spin RTT is what the mechanism
 * itself costs, the block RTT adds the two wake-ups of the sleeping sides, and their difference is
 * the wake-ups' share; with the CPU per message of each (a spinning side pays in CPU what it saves
 * in time). p50s are medians over forks.
 */
public record WakeUpShare(String transport, String payload, String placement, double blockP50, double spinP50, double blockCpu,
        double spinCpu) {

    /** The wake-ups' part of the blocking round trip, µs. */
    public double wakeUp() {
        return blockP50 - spinP50;
    }

    /** The wake-ups' share of the blocking round trip. */
    public double share() {
        return wakeUp() / blockP50;
    }

    /** Every round trip measured both ways, in the rows' order. */
    public static List<WakeUpShare> of(List<ResultRow> rows) {
        Map<String, ResultRow> blocking = new LinkedHashMap<>();
        Map<String, ResultRow> spinning = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            if (!row.isRoundTrip()) {
                continue;
            }
            String wait = row.param(Benchmarks.WAIT);
            if (wait.isEmpty() && blocksByDesign(row.param(Benchmarks.TRANSPORT))) {
                blocking.put(cell(row), row);
            } else if (wait.equals(WaitMode.SPIN.label())) {
                spinning.put(cell(row), row);
            }
        }
        List<WakeUpShare> shares = new ArrayList<>();
        blocking.forEach((cell, block) -> {
            ResultRow spin = spinning.get(cell);
            if (spin != null) {
                shares.add(new WakeUpShare(block.param(Benchmarks.TRANSPORT), block.param(Benchmarks.PAYLOAD),
                        block.param(Benchmarks.PLACEMENT), Charts.percentile(block, "p50"), Charts.percentile(spin, "p50"),
                        Charts.cpuPerMessage(block), Charts.cpuPerMessage(spin)));
            }
        });
        return shares;
    }

    private static boolean blocksByDesign(String transport) {
        return TransportRegistry.names().contains(transport) && TransportRegistry.kind(transport).waitMode().equals(WaitMode.BLOCK);
    }

    private static String cell(ResultRow row) {
        return row.param(Benchmarks.TRANSPORT) + " " + row.param(Benchmarks.PAYLOAD) + " " + row.param(Benchmarks.PLACEMENT);
    }

    /** The table for report.html; nothing when no round trip was measured both ways. */
    static String html(List<ResultRow> rows) {
        List<WakeUpShare> shares = of(rows);
        if (shares.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>The wake-up's share of a round trip</h2>\n<p>Each round trip measured both"
                + " blocking and spinning (<code>-p wait=block,spin</code>): spin is the mechanism's own cost, block adds the"
                + " wake-ups of the sleeping sides, and the difference is theirs. RTT p50 in µs (median over forks); CPU in ns"
                + " per message, both processes.</p>\n<table><tr><th>transport</th><th>payload</th><th>placement</th>"
                + "<th>block RTT</th><th>spin RTT</th><th>wake-ups</th><th>share</th><th>CPU block</th><th>CPU spin</th></tr>\n");
        for (WakeUpShare share : shares) {
            html.append("<tr><td>").append(HtmlReport.escape(share.transport())).append("</td><td>").append(share.payload())
                    .append("</td><td>").append(share.placement()).append("</td><td>").append(Formats.number(share.blockP50()))
                    .append("</td><td>").append(Formats.number(share.spinP50())).append("</td><td>")
                    .append(Formats.number(share.wakeUp())).append("</td><td>").append(Math.round(100 * share.share()))
                    .append(" %</td><td>").append(Formats.number(share.blockCpu())).append("</td><td>")
                    .append(Formats.number(share.spinCpu())).append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /** Stacked bars per transport and payload: the spin RTT (the mechanism) and the wake-ups on top, together the block RTT. */
    static CategoryChart chart(List<WakeUpShare> shares) {
        CategoryChart chart = new CategoryChartBuilder().width(960).height(600)
                .title("Round trip p50: the mechanism (spin) and the wake-ups (block − spin)").xAxisTitle("transport, payload")
                .yAxisTitle("RTT p50 (µs)").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(45);
        List<String> names = shares.stream().map(s -> s.transport() + " " + s.payload() + " B"
                + (s.placement().equals("cross-core") ? "" : " " + s.placement())).toList();
        CategorySeries mechanism = chart.addSeries("mechanism (spin RTT)", names,
                shares.stream().map(s -> (Number) s.spinP50()).toList());
        mechanism.setFillColor(new Color(0x1f77b4));
        CategorySeries wakeUps = chart.addSeries("wake-ups (block − spin)", names,
                shares.stream().map(s -> (Number) Math.max(0, s.wakeUp())).toList());
        wakeUps.setFillColor(new Color(0xff7f0e));
        return chart;
    }
}
