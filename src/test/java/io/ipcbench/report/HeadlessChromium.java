package io.ipcbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, as a reader's browser: loads a page from a file, lets its scripts
 * run, and returns the document as they left it and every message they wrote to the console. No
 * network: the flags keep Chromium from calling home, and the page must need nothing from outside.
 *
 * <p>Where Chromium is not installed the test is skipped with one line saying so, unless
 * {@code IPCBENCH_REQUIRE_BROWSER} is set (CI sets it, after installing Chromium), when it fails.
 */
final class HeadlessChromium {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    /** How Chromium logs a page's console message on stderr: "INFO:CONSOLE:146] "…", source: …" (or "CONSOLE(146)"). */
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]");

    private HeadlessChromium() {
    }

    /** The page after its scripts ran: the document, and the console's messages (none, for a page without errors). */
    record Page(String dom, List<String> console) {
    }

    static Path find() {
        for (String candidate : CANDIDATES) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String missing = "no Chromium (" + String.join(", ", CANDIDATES) + "): apt-get install chromium";
        if (System.getenv("IPCBENCH_REQUIRE_BROWSER") != null) {
            throw new AssertionError(missing + " (IPCBENCH_REQUIRE_BROWSER is set)");
        }
        Assumptions.abort(missing);
        return null;
    }

    static Page load(Path page, Path workDir) throws IOException, InterruptedException {
        return load(page, "", workDir);
    }

    /** The page opened at {@code fragment} ("#row=this-3"; "" for none). */
    static Page load(Path page, String fragment, Path workDir) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "dom-", ".html");
        Path err = Files.createTempFile(workDir, "chromium-", ".log");
        run(workDir, List.of("--dump-dom", page.toUri() + fragment), out, err);
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            if (CONSOLE.matcher(line).find()) {
                console.add(line);
            }
        }
        return new Page(Files.readString(out, StandardCharsets.UTF_8), console);
    }

    /** A screenshot of the page's first screen and more, as a reader opening it sees it. */
    static void screenshot(Path page, Path png, Path workDir) throws IOException, InterruptedException {
        run(workDir, List.of("--window-size=1280,1600", "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()),
                workDir.resolve("screenshot.out"), workDir.resolve("screenshot.log"));
    }

    private static void run(Path workDir, List<String> what, Path out, Path err) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(find().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(workDir, "profile-"), "--virtual-time-budget=10000",
                "--enable-logging=stderr", "--v=1"));
        command.addAll(what);
        Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly().waitFor();
            throw new AssertionError("Chromium did not finish with " + what + " in 90 s");
        }
        if (chromium.exitValue() != 0) {
            throw new AssertionError("Chromium exited " + chromium.exitValue() + ": " + Files.readString(err));
        }
    }
}
