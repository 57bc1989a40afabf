package io.ipcbench.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ipcbench.nativeio.Sys;

/**
 * Runs a test body with a real sysctl changed, and puts the old value back however the body ends.
 * The change is machine-wide, so only a test that must see the kernel itself enforce a limit uses
 * this; the others inject the value with {@code KernelLimits.override}. Skips (with the reason)
 * unless running as root with a writable /proc/sys.
 */
public final class Sysctl {
    /** A test body that may throw. */
    public interface Body {
        void run() throws Exception;
    }

    private Sysctl() {
    }

    public static void with(String sysctl, String value, Body body) throws Exception {
        assumeTrue(Sys.getuid() == 0, "setting " + sysctl + " needs root; the injected-limit tests cover the check");
        Path file = Path.of("/proc/sys", sysctl.replace('.', '/'));
        String original = String.join(" ", Files.readAllLines(file)).trim(); // not readString: /proc misreports sizes
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            assumeTrue(false, "cannot write " + file + " (" + e.getMessage() + "), e.g. in a container");
        }
        try {
            body.run();
        } finally {
            Files.writeString(file, original);
        }
    }
}
