package io.ipcbench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One of scripts/ (or any program) run as a user runs it, in its own process: its exit code, stdout and stderr. */
record ScriptRun(int exit, String out, String err) {
    static ScriptRun of(Path checkout, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(checkout.resolve("scripts").resolve(name).toString()));
        command.addAll(List.of(args));
        return command(command);
    }

    /** {@code command} (the program, then its arguments) run to its end. */
    static ScriptRun command(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream())); // both drained at once
        String out = read(process.getInputStream());
        return new ScriptRun(process.waitFor(), out, err.join());
    }

    /** Both streams, for an assertion's description. */
    String output() {
        return out + err;
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
