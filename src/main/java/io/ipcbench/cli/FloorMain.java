package io.ipcbench.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import io.ipcbench.core.BadInput;
import io.ipcbench.floor.Floor;

/**
 * {@code scripts/floor}: measures the machine's floor on its own — the cache-line round trip and
 * the wake-up of a blocked thread between CPU 0 and CPU 1, and copy bandwidth on CPU 0 — as every
 * benchmark run does before its first trial and after its last. Takes no arguments.
 */
@Command(name = "scripts/floor",
        description = "Measures the machine's own floor, as every run does at its start and end: the cache-line round trip"
                + " and a blocked thread's wake-up between CPU 0 and CPU 1, and copy bandwidth on CPU 0.")
public final class FloorMain implements Callable<Integer> {
    private static final String TOOL = "ipc-bench floor";

    private FloorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run(TOOL, new FloorMain(), args);
    }

    @Override
    public Integer call() {
        Floor floor = Floor.measure();
        System.out.println(TOOL + ": " + floor.summary() + " (CPU 0 and 1, " + floor.tookMillis() + " ms)");
        return Cli.EXIT_OK;
    }
}
