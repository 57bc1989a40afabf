package io.ipcbench.cli;

import java.io.IOException;
import java.util.List;

import io.ipcbench.core.BadInput;
import io.ipcbench.hygiene.Ledger;
import io.ipcbench.hygiene.StaleObjects;

/**
 * {@code scripts/ipc-clean}: removes what trials of killed runs left behind (System V semaphores
 * and message queues, POSIX queue names, private directories, orphaned peers), as recorded in the
 * per-user ledger, and nothing else. Every run of the suite does the same when it starts.
 */
public final class CleanMain {
    private CleanMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("ipc-clean: takes no arguments (it reads the ledger in " + Ledger.directory() + ")");
            System.exit(BadInput.EXIT);
        }
        try {
            List<String> removed = StaleObjects.reclaim();
            if (removed.isEmpty()) {
                System.out.println("ipc-clean: nothing stale in " + Ledger.directory());
            } else {
                removed.forEach(line -> System.out.println("ipc-clean: " + line));
            }
            System.exit(0);
        } catch (IOException | RuntimeException e) {
            System.err.println("ipc-clean: cannot read the ledger in " + Ledger.directory() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
