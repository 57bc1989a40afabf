package io.ipcbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ipcbench.core.BadInput;
import io.ipcbench.report.NoiseFloor;
import io.ipcbench.report.ResultSet;

/**
 * {@code scripts/calibrate OUT.json RUN RUN [RUN…]}: measures each row's drift between repeated
 * runs of the same code (A/A) and writes the noise floors scripts/compare applies.
 */
public final class CalibrateMain {
    private CalibrateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    private static Path realPath(Path run) {
        try {
            return run.toRealPath();
        } catch (java.io.IOException e) {
            return run.toAbsolutePath().normalize(); // ResultSet.load says what is wrong with it
        }
    }

    static int run(String[] args) {
        try {
            if (args.length < 3) {
                throw new BadInput("usage: scripts/calibrate OUT.json RUN RUN [RUN...] (two or more runs of the same code)");
            }
            List<ResultSet> sets = new ArrayList<>();
            java.util.Set<Path> seen = new java.util.HashSet<>();
            for (int i = 1; i < args.length; i++) {
                Path run = Path.of(args[i]);
                if (!seen.add(realPath(run))) {
                    throw new BadInput(args[i] + " is given twice: a run compared with itself would give a noise floor of 0 %");
                }
                sets.add(ResultSet.load(run));
            }
            for (ResultSet set : sets) {
                if (set.fingerprint() == null || !set.fingerprint().differences(sets.get(0).fingerprint()).isEmpty()) {
                    throw new BadInput(set.json() + ": calibration runs must all carry the same fingerprint");
                }
            }
            NoiseFloor floors = NoiseFloor.calibrate(sets);
            try {
                floors.write(Path.of(args[0]));
            } catch (IOException e) {
                throw new BadInput("cannot write " + args[0] + ": " + e.getMessage());
            }
            double[] values = floors.floors().values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long above30 = floors.floors().values().stream().filter(f -> f > 0.30).count();
            System.out.printf(Locale.ROOT, "calibrate: %d rows from %d runs; noise floor median %.0f %%, max %.0f %%; %d rows above 30 %%%n",
                    values.length, sets.size(), values.length == 0 ? 0 : values[values.length / 2] * 100,
                    values.length == 0 ? 0 : values[values.length - 1] * 100, above30);
            return 0;
        } catch (BadInput e) {
            System.err.println("ipc-bench calibrate: " + e.getMessage());
            return BadInput.EXIT;
        }
    }
}
