package io.ipcbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ipcbench.peer.CpuCostProfiler;

/** One self-contained page: the charts (embedded PNGs) and a table per transport and payload. */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static void write(ResultSet results, List<Charts.Written> charts, Path file) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ipc-bench report</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}img{max-width:100%}</style></head><body>\n")
                .append("<h1>ipc-bench report</h1>\n<p>Results: <code>").append(escape(results.json().toString())).append("</code>");
        if (results.fingerprint() != null) {
            html.append("<br>Measured on: ").append(escape(results.fingerprint().summary()));
        }
        html.append("</p>\n<p>RTT is the full round trip (never halved). MB/s is 10<sup>6</sup> payload bytes per second, one way. "
                + "CPU is ns per message of the initiator's measuring thread plus the whole peer process; a round trip moves two messages.</p>\n");
        html.append(table(results.rows()));
        for (Charts.Written chart : charts) {
            byte[] png = Files.readAllBytes(file.resolveSibling(chart.name() + ".png"));
            html.append("<h2>").append(escape(chart.title())).append("</h2>\n<img alt=\"").append(escape(chart.title()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        }
        html.append("</body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /** Transport × payload (× placement): RTT p50 and p99, MB/s, CPU ns per message. */
    static String table(List<ResultRow> rows) {
        Map<String, Map<String, String>> lines = new TreeMap<>();
        for (ResultRow row : rows) {
            String key = row.param("transport") + "\u0000" + String.format("%012d", Long.parseLong(row.param("payload").isEmpty() ? "0" : row.param("payload")))
                    + "\u0000" + row.param("placement");
            Map<String, String> line = lines.computeIfAbsent(key, k -> new LinkedHashMap<>());
            line.put("transport", row.param("transport"));
            line.put("payload", row.param("payload"));
            line.put("placement", row.param("placement"));
            if (row.isRoundTrip()) {
                line.put("p50", Formats.number(row.percentiles().getOrDefault("50.0", Double.NaN)));
                line.put("p99", Formats.number(row.percentiles().getOrDefault("99.0", Double.NaN)));
            } else if (row.isStream()) {
                line.put("mbs", Formats.number(Charts.megabytesPerSecond(row)));
                line.put("msgs", Formats.number(row.score()));
                ResultRow.Metric initiator = row.secondary().get(CpuCostProfiler.INITIATOR);
                ResultRow.Metric peer = row.secondary().get(CpuCostProfiler.PEER);
                line.put("cpuI", initiator == null ? "" : Formats.number(initiator.score()));
                line.put("cpuP", peer == null ? "" : Formats.number(peer.score()));
            }
        }
        StringBuilder html = new StringBuilder("<table><tr><th>transport</th><th>payload (B)</th><th>placement</th>"
                + "<th>RTT p50 (µs)</th><th>RTT p99 (µs)</th><th>stream msg/s</th><th>stream MB/s</th>"
                + "<th>CPU initiator (ns/msg)</th><th>CPU peer (ns/msg)</th></tr>\n");
        for (Map<String, String> line : lines.values()) {
            html.append("<tr>");
            for (String column : new String[] {"transport", "payload", "placement", "p50", "p99", "msgs", "mbs", "cpuI", "cpuP"}) {
                html.append("<td>").append(escape(line.getOrDefault(column, ""))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
