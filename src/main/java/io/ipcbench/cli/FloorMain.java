package io.ipcbench.cli;

import io.ipcbench.core.BadInput;
import io.ipcbench.floor.Floor;

/**
 * {@code scripts/floor}: measures the machine's floor on its own — the cache-line round trip and
 * the wake-up of a blocked thread between CPU 0 and CPU 1, and copy bandwidth on CPU 0 — as every
 * benchmark run does before its first trial and after its last. Takes no arguments.
 */
public final class FloorMain {
    private FloorMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("ipc-bench floor: takes no arguments (it measures on CPU 0 and CPU 1)");
            System.exit(BadInput.EXIT);
        }
        Floor floor = Floor.measure();
        System.out.println("ipc-bench floor: " + floor.summary() + " (CPU 0 and 1, " + floor.tookMillis() + " ms)");
        System.exit(0);
    }
}
