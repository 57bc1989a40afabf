package io.ipcbench.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

import io.ipcbench.registry.TransportRegistry;

/**
 * Numbers for people: three significant digits, thousands grouped, and the units a reader uses —
 * 64 B, 1 KiB, 64 KiB, 1 MiB; ns, µs, ms; k and M msg/s; MB/s — never 1E4. The report's page draws
 * its axes with the same rules (report.js), so a figure reads the same in a table and on a chart.
 */
public final class Formats {
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB"};

    private Formats() {
    }

    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A count with thousands grouped: "13,200". */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A size in binary units: "64 B", "1 KiB", "64 KiB", "1 MiB"; "70.4 KiB" where it is no whole multiple. */
    public static String bytes(long value) {
        int unit = 0;
        double scaled = value;
        while (unit < BINARY.length - 1 && Math.abs(scaled) >= 1024) {
            scaled /= 1024;
            unit++;
        }
        String digits = scaled == Math.rint(scaled) ? String.valueOf((long) scaled) : String.format(Locale.ROOT, "%.1f", scaled);
        return digits + " " + BINARY[unit];
    }

    /** A time given in microseconds, in the unit that reads best: "850 ns", "12.3 µs", "1.25 ms", "2.10 s". */
    public static String micros(double micros) {
        if (Double.isNaN(micros)) {
            return "n/a";
        }
        double magnitude = Math.abs(micros);
        if (magnitude < 1) {
            return number(micros * 1e3) + " ns";
        }
        if (magnitude < 1e3) {
            return number(micros) + " µs";
        }
        if (magnitude < 1e6) {
            return number(micros / 1e3) + " ms";
        }
        return number(micros / 1e6) + " s";
    }

    public static String nanos(double nanos) {
        return micros(nanos / 1e3);
    }

    /** Messages per second: "950 msg/s", "12.3 k msg/s", "1.20 M msg/s". */
    public static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "n/a";
        }
        double magnitude = Math.abs(perSecond);
        if (magnitude >= 1e6) {
            return number(perSecond / 1e6) + " M msg/s";
        }
        if (magnitude >= 1e3) {
            return number(perSecond / 1e3) + " k msg/s";
        }
        return number(perSecond) + " msg/s";
    }

    /** 10^6 payload bytes per second: "1,230 MB/s". */
    public static String megabytes(double megabytesPerSecond) {
        return number(megabytesPerSecond) + " MB/s";
    }

    /**
     * One colour per transport, the same on every chart, page and PNG of every run: a transport keeps
     * the colour of its place in the registry, whatever else a run measured. A variant of a transport
     * (another wait or capacity) keeps its colour; the charts tell variants apart by their line.
     */
    public static final class Palette {
        /** Twenty colours, neighbours in the registry (a family) far apart in hue. */
        private static final int[] COLOURS = {
            0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
            0x393b79, 0xe6550d, 0x31a354, 0x843c39, 0x6baed6, 0xfd8d3c, 0x7b4173, 0x637939, 0xd6616b, 0x3182bd};

        private Palette() {
        }

        /** The transport's colour as 0xRRGGBB; a name the registry does not know gets one by its hash. */
        public static int rgb(String transport) {
            List<String> names = TransportRegistry.names();
            int index = names.indexOf(transport);
            return COLOURS[Math.floorMod(index >= 0 ? index : transport.hashCode(), COLOURS.length)];
        }

        /** "#1f77b4". */
        public static String css(String transport) {
            return String.format(Locale.ROOT, "#%06x", rgb(transport));
        }

        public static Color awt(String transport) {
            return new Color(rgb(transport));
        }
    }
}
