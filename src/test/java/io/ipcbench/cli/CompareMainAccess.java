package io.ipcbench.cli;

/** Lets tests in other packages call the command-line entry points without System.exit. */
public final class CompareMainAccess {
    private CompareMainAccess() {
    }

    public static int run(String... args) {
        return CompareMain.run(args);
    }

    public static int calibrate(String... args) {
        return CalibrateMain.run(args);
    }

    public static int plot(String... args) {
        return PlotMain.run(args);
    }
}
