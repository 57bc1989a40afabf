package io.ipcbench.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

import io.ipcbench.registry.TransportRegistry;

/**
 * One colour per transport, the same on every chart, page and PNG of every run: a transport keeps
 * the colour of its place in the registry, whatever else a run measured. A variant of a transport
 * (another wait or capacity) keeps its colour; the charts tell variants apart by their line.
 */
public final class Palette {
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
