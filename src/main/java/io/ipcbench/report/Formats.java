package io.ipcbench.report;

import java.util.Locale;

/** Numbers for people: three significant digits, thousands grouped. */
public final class Formats {
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
}
