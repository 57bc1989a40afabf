package io.ipcbench.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import io.ipcbench.core.BadInput;
import io.ipcbench.hygiene.Ledger;
import io.ipcbench.hygiene.StaleObjects;

/**
 * {@code scripts/ipc-clean}: removes what trials of killed runs left behind (System V semaphores
 * and message queues, POSIX queue names, private directories, orphaned peers), as recorded in the
 * per-user ledger, and nothing else. Every run of the suite does the same when it starts.
 */
@Command(name = "scripts/ipc-clean",
        description = "Removes what killed runs left behind (System V semaphores and message queues, POSIX queues, private"
                + " directories, orphaned peers), as recorded in the per-user ledger; objects other programs own are never touched.",
        exitCodeList = {"0:nothing stale, or all of it removed", "1:the ledger cannot be read", "2:bad input: one line on stderr"})
public final class CleanMain implements Callable<Integer> {
    private static final String TOOL = "ipc-bench ipc-clean";

    private CleanMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run(TOOL, new CleanMain(), args);
    }

    @Override
    public Integer call() {
        try {
            List<String> removed = StaleObjects.reclaim();
            if (removed.isEmpty()) {
                System.out.println(TOOL + ": nothing stale in " + Ledger.directory());
            } else {
                removed.forEach(line -> System.out.println(TOOL + ": " + line));
            }
            return Cli.EXIT_OK;
        } catch (IOException | RuntimeException e) {
            System.err.println(TOOL + ": cannot read the ledger in " + Ledger.directory() + ": " + e.getMessage());
            return Cli.EXIT_FAILED;
        }
    }
}
