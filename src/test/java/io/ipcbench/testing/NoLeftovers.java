package io.ipcbench.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.ipcbench.transport.PrivateDir;

/**
 * Fails a test class that leaves anything behind: a child process (a peer) still running, or a
 * private trial directory (FIFOs, socket files) in the temp folder. Compares with what existed
 * before the class ran, so unrelated leftovers on the machine do not count.
 */
public final class NoLeftovers implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeftovers.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("dirs", trialDirs());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) throws InterruptedException {
        Set<String> before = context.getStore(NS).get("dirs", Set.class);
        // a peer told to stop, or killed, is reaped within moments
        for (int i = 0; i < 50 && !children().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(children()).as("peer processes still running after " + context.getDisplayName()).isEmpty();
        Set<String> after = trialDirs();
        after.removeAll(before);
        assertThat(after).as("private trial directories left in the temp folder").isEmpty();
    }

    private static List<String> children() {
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .collect(Collectors.toList());
    }

    static Set<String> trialDirs() {
        String[] names = new File(System.getProperty("java.io.tmpdir")).list((dir, name) -> name.startsWith(PrivateDir.PREFIX));
        return new TreeSet<>(Arrays.asList(names == null ? new String[0] : names));
    }
}
