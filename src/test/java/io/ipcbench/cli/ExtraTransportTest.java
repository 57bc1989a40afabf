package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ipcbench.core.Family;
import io.ipcbench.hygiene.Ledger;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.report.ResultRow;
import io.ipcbench.report.ResultSet;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.testing.RenamedPipeKind;

/**
 * A transport lives in one place (docs/ARCHITECTURE.md, "Adding a transport"): one registered in
 * test scope alone — {@link RenamedPipeKind}, through the registry's test hook, in a launcher of its
 * own — is swept by a run that names no transport, counted in its budget arithmetic, and tabled by
 * scripts/lib/tables.py among its family, with no other edit.
 */
@ExtendWith(NoLeftovers.class)
class ExtraTransportTest {
    private static final String EXTRA = TransportRegistry.EXTRA_KINDS_PROPERTY + "=" + Family.BYTE_STREAM.name() + "="
            + RenamedPipeKind.class.getName();

    @TempDir
    Path results;

    @Test
    void aTransportRegisteredOnceIsSweptBudgetedAndTabled() throws Exception {
        assumeTrue(Sys.onlineCpus() >= 2, "cross-core needs two CPUs");
        List<String> expected = new ArrayList<>(TransportRegistry.defaultNames());
        expected.add(RenamedPipeKind.NAME);

        Output launcher = run(launcherCommand("--results-dir=" + results, "--exit-with-parent", "-f", "1", "-wi", "0", "-i", "1", "-r", "50ms",
                "-p", "payload=64", "-jvmArgsAppend", "-D" + Ledger.DIRECTORY_PROPERTY + "=" + Ledger.directory(), "RoundTripBenchmark"));
        assertThat(launcher.exit()).as(launcher.text()).isZero();
        // budgeted: the launcher's arithmetic counts one trial more than this JVM's registry holds
        assertThat(launcher.out()).as(launcher.text()).contains("ipc-bench: " + expected.size() + " trials × 1 forks: ");

        // swept: a row of every default transport, the extra one included
        Path run = results.resolve("latest").toRealPath();
        assertThat(ResultSet.load(run).rows()).extracting(row -> row.param("transport")).containsExactlyInAnyOrderElementsOf(expected);
        JsonNode listed = new ObjectMapper().readTree(run.resolve(TransportRegistry.RUN_FILE).toFile()).get("transports");
        JsonNode extra = listed.get(listed.size() - 1);
        assertThat(extra.get("name").asText()).isEqualTo(RenamedPipeKind.NAME);
        assertThat(extra.get("family").asText()).isEqualTo(Family.BYTE_STREAM.name());
        assertThat(extra.get("sweptByDefault").asBoolean()).isTrue();
        assertThat(extra.get("waitByDesign").asText()).isEqualTo("block");

        // tabled: among the byte streams (after the last of them the registry names), before the message queues
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "tables.py needs /usr/bin/python3");
        Output table = run(List.of("/usr/bin/python3", Path.of("scripts", "lib", "tables.py").toAbsolutePath().toString(), "baseline",
                run.toString()));
        assertThat(table.exit()).as(table.text()).isZero();
        List<String> tabled = table.out().lines().takeWhile(line -> !line.isEmpty()).filter(line -> line.startsWith("| `"))
                .map(line -> line.substring(3, line.indexOf('`', 3))).toList();
        List<String> byteStreams = TransportRegistry.defaultNames().stream()
                .filter(name -> TransportRegistry.family(name) == Family.BYTE_STREAM).toList();
        assertThat(tabled).as(table.out()).hasSameSizeAs(expected).containsAll(expected);
        assertThat(tabled.indexOf(RenamedPipeKind.NAME)).as(table.out()).isEqualTo(byteStreams.size());
    }

    /** The launcher in a JVM of its own, with this JVM's class path and flags and the registry's test hook. */
    private static List<String> launcherCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> !flag.startsWith("-agentlib:jdwp") && !flag.startsWith("-javaagent:")).forEach(command::add);
        command.addAll(List.of("-D" + EXTRA, "-D" + Ledger.DIRECTORY_PROPERTY + "=" + Ledger.directory(), "-cp",
                System.getProperty("java.class.path"), BenchMain.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private record Output(int exit, String out, String err) {
        String text() {
            return out + err;
        }
    }

    private static Output run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream())); // both drained at once
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("no end within 5 min: " + String.join(" ", command));
        }
        return new Output(process.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
