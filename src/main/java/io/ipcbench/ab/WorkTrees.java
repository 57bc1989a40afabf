package io.ipcbench.ab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ipcbench.core.BadInput;
import io.ipcbench.hygiene.PrivateDir;

/**
 * The git work trees scripts/ab builds its two versions in: each revision checked out once under
 * a temporary folder ({@code git worktree add --detach}), optionally patched ({@code git apply}),
 * built with {@code mvn -o -q -B -DskipTests package} (compiles main, tests and the src/jmh
 * benchmarks, writes target/classpath.txt), and removed with the folder at the end — on a normal
 * end, on a failure and on Ctrl-C (a shutdown hook), so no work tree is left registered in the
 * repository. Nothing is built in the user's own checkout.
 */
public final class WorkTrees implements AutoCloseable {
    private final Path repository;
    private final Path parent;
    private final List<Path> trees = new ArrayList<>();
    private final Thread onInterrupt;

    public WorkTrees(Path repository) {
        this.repository = repository;
        try {
            // not "ipc-bench-*": that prefix is the trials' private directories, which leak checks count
            this.parent = Files.createTempDirectory("ab-worktrees-");
        } catch (IOException e) {
            throw new BadInput("cannot create a temporary folder for the work trees: " + e.getMessage());
        }
        this.onInterrupt = new Thread(this::removeAll, "ipc-bench-ab-worktrees");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    /** The commit a revision names in the repository, or null if it names none. */
    public static String resolve(Path repository, String revision) {
        try {
            Process git = new ProcessBuilder("git", "-C", repository.toString(), "rev-parse", "--verify", "--quiet", revision + "^{commit}")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            throw new BadInput("cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInput("interrupted");
        }
    }

    /**
     * Checks the commit out in a new work tree, applies the patch if one is given, and builds it.
     *
     * @param log where git's and Maven's output goes
     * @throws RunFailure when the patch does not apply or the build fails
     */
    public Path build(String name, String commit, Path patch, Path log) {
        Path tree = parent.resolve(name);
        trees.add(tree);
        run(List.of("git", "-C", repository.toString(), "worktree", "add", "--detach", tree.toString(), commit), repository, log,
                "checking out " + commit);
        if (patch != null) {
            run(List.of("git", "apply", patch.toString()), tree, log, "applying " + patch);
        }
        run(List.of("mvn", "-o", "-q", "-B", "-DskipTests", "package"), tree, log, "building " + name + " (" + commit + ")");
        return tree;
    }

    private static void run(List<String> command, Path dir, Path log, String what) {
        try {
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (process.waitFor() != 0) {
                throw new RunFailure(what + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new RunFailure(what + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailure(what + " was interrupted");
        }
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // already running as the hook
        }
    }

    private synchronized void removeAll() {
        for (Path tree : trees) {
            git("worktree", "remove", "--force", tree.toString()); // if it fails, the folder is deleted below and prune forgets it
        }
        trees.clear();
        try {
            PrivateDir.delete(parent);
        } catch (UncheckedIOException e) {
            System.err.println("ipc-bench ab: warning: cannot remove " + parent + ": " + e.getCause().getMessage());
        }
        git("worktree", "prune"); // if it cannot run, nothing registered is left that it could remove
    }

    /** Runs git on the repository, its output discarded; a git that cannot run is let be (this is clean-up). */
    private void git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // see the callers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
