package io.ipcbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import io.ipcbench.core.BadInput;
import io.ipcbench.report.GateStatistics.RowVerdicts;
import io.ipcbench.report.Noise;
import io.ipcbench.report.ResultSet;

/**
 * {@code scripts/calibrate OUT.json RUN RUN [RUN…]}: measures each row's spread between repeated
 * runs of the same code (A/A) and writes it as the {@link Noise} scripts/compare and scripts/ab --aa read.
 */
@Command(name = "scripts/calibrate",
        description = "Writes to OUT.json each row's spread between two or more runs of the same code (A/A) on this machine:"
                + " the noise scripts/compare (as noise floors) and scripts/ab --aa read.")
public final class CalibrateMain implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT.json")
    private Path out;

    @Parameters(index = "1", paramLabel = "RUN", description = "Run folders or JMH JSON files, all with the same fingerprint.")
    private String firstRun;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "RUN")
    private List<String> moreRuns;

    private CalibrateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run("ipc-bench calibrate", new CalibrateMain(), args);
    }

    private static Path realPath(Path run) {
        try {
            return run.toRealPath();
        } catch (IOException e) {
            return run.toAbsolutePath().normalize(); // ResultSet.load says what is wrong with it
        }
    }

    @Override
    public Integer call() {
        List<ResultSet> sets = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        List<String> runs = new ArrayList<>(List.of(firstRun));
        runs.addAll(moreRuns);
        for (String given : runs) {
            Path run = Path.of(given);
            if (!seen.add(realPath(run))) {
                throw new BadInput(given + " is given twice: a run compared with itself would give a noise floor of 0 %");
            }
            sets.add(ResultSet.load(run));
        }
        for (ResultSet set : sets) {
            if (set.fingerprint() == null || !set.fingerprint().differences(sets.get(0).fingerprint()).isEmpty()) {
                throw new BadInput(set.json() + ": calibration runs must all carry the same fingerprint");
            }
        }
        Noise noise = Noise.calibrate(sets);
        try {
            noise.write(out);
        } catch (IOException e) {
            throw new BadInput("cannot write " + out + ": " + e.getMessage());
        }
        double[] values = noise.rows().values().stream().mapToDouble(spread -> spread.floor(RowVerdicts.ALPHA)).sorted().toArray();
        long above30 = Arrays.stream(values).filter(f -> f > 0.30).count();
        System.out.printf(Locale.ROOT, "calibrate: %d rows from %d runs; noise floor median %.0f %%, max %.0f %%; %d rows above 30 %%%n",
                values.length, sets.size(), values.length == 0 ? 0 : values[values.length / 2] * 100,
                values.length == 0 ? 0 : values[values.length - 1] * 100, above30);
        return Cli.EXIT_OK;
    }
}
