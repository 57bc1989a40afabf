package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.machine.IdlePolling;
import io.ipcbench.ab.AbOptions;
import io.ipcbench.hygiene.Ledger;
import io.ipcbench.testing.NoLeftovers;

/**
 * scripts/ab end to end, briefly: HEAD against HEAD (an A/A run) on one row, three rounds of tiny
 * forks, through the script as a user runs it. It must say no row is slower or faster, leave the
 * raw run folders of both sides, pairs.json, summary.md and aa.json (a round trip judged by its RTT p50),
 * and no work tree. Bad input is one line and exit 2 before anything is built. (--help, -h and an unknown option: CommandLinesTest.)
 */
@ExtendWith(NoLeftovers.class)
class AbTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void headAgainstHeadIsNoChangeAndLeavesItsResultsButNoWorkTree() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ROOT.resolve(".git")), "a git checkout");
        Set<String> treesBefore = workTreeFolders();
        Path out = dir.resolve("ab run");
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/ab").toString(), "HEAD", "HEAD", "--rounds", "3",
                // a wide minimum effect: this checks the pipeline end to end; a chance false alarm of the 5 % gate
                // (PairedStatisticsTest checks the statistics) must not fail the suite
                "--min-effect", "50",
                "--out", out.toString(), "-p", "transport=pipe", "-p", "payload=64", "-wi", "0", "-i", "1", "-r", "100ms", "RoundTrip"));
        // where it may (root), the run holds idle CPUs polling, and every fork's fingerprint records the hold
        boolean held = Files.isWritable(IdlePolling.DEVICE);
        if (held) {
            command.add(3, "--idle=poll");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // the forks record their objects where NoLeftovers looks
        builder.environment().put("IPCBENCH_LEDGER_DIR", Ledger.directory().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();

        assertThat(exit).as(output).isZero();
        assertThat(output).contains("**A/A run**").contains("**0 slower**, 0 faster");
        assertThat(output.contains("Idle CPUs held polling for the whole run")).as(output).isEqualTo(held);
        assertThat(output.lines().filter(l -> l.startsWith("| 🔴") || l.startsWith("| 🟢"))).as(output).isEmpty();
        assertThat(output.lines().filter(l -> l.contains("| RoundTripBenchmark.roundTrip | payload=64 placement=cross-core transport=pipe | avgt |")))
                .hasSize(1);
        assertThat(out.resolve("summary.md")).content().contains("**0 slower**");
        // a round trip is judged by each fork's RTT p50: its pairs and its A/A spread say so
        assertThat(out.resolve("pairs.json")).content().contains("\"figure\" : \"RTT p50\"").contains("\"unit\" : \"µs RTT p50\"");
        assertThat(out.resolve("aa.json")).content().contains("transport=pipe").contains("\"figure\" : \"RTT p50\"");
        for (String side : List.of("baseline", "candidate")) {
            Path latest = out.resolve("raw").resolve(side).resolve("row-01/round-01/latest");
            assertThat(latest.resolve("jmh.json")).as(side).isNotEmptyFile();
            assertThat(latest.resolve("fingerprint.json")).content().contains("cacheLineRttNs");
            if (held) {
                assertThat(latest.resolve("fingerprint.json")).content().containsPattern("\"cpuLatencyLimitUs\" ?: ?0\\b");
            }
        }
        assertThat(workTreeFolders()).as("work trees left").isEqualTo(treesBefore);
        Process list = new ProcessBuilder("git", "-C", ROOT.toString(), "worktree", "list", "--porcelain").start();
        String trees = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        assertThat(trees.lines().filter(l -> l.startsWith("worktree ") && l.contains("ab-worktrees-"))).as(trees).isEmpty();
    }

    @Test
    void badInputIsOneLineAndExitTwoBeforeAnythingIsBuilt() {
        String[][] cases = {
            {"HEAD"},
            {"HEAD", "HEAD", "--rounds", "0"},
            {"HEAD", "HEAD", "--bogus"},
            {"HEAD", "HEAD", "-f", "3"},
            {"HEAD", "HEAD", "-p", "transprot=pipe"},
            {"HEAD", "HEAD", "-l"},
            {"HEAD", "no-such-revision-anywhere"},
            {"HEAD", "HEAD", "--min-effect", "lots"},
            {"HEAD", "HEAD", "--cand-patch", "/no/such.patch"},
            {"HEAD", "HEAD", "-wi", "0", "--frobnicate"},
            {"-p", "transport=pipe", "HEAD", "HEAD"},
            {"HEAD", "HEAD", "--profile=slow"},
            {"HEAD", "HEAD", "--idle=always"},
            {"HEAD", "HEAD", "-r", "0ms"},
        };
        for (String[] args : cases) {
            String[] result = ab(args);
            assertThat(result[0]).as(String.join(" ", args)).isEqualTo("2");
            assertThat(result[2]).startsWith("ipc-bench ab: ").doesNotContain("\tat ");
            assertThat(result[2].strip().lines()).as(result[2]).hasSize(1);
            assertThat(result[1]).isEmpty();
        }
    }

    /**
     * What the row sets per fork (-f, -p, -bm, the regexps) is taken out of the options every fork
     * gets; a JMH option's value is passed as given, even one that looks like an option of ours.
     */
    @Test
    void eachForkGetsTheUsersJmhOptionsButItsRowsOwnSelection() {
        AbOptions options = AbMain.parse(new String[] {"main", "HEAD", "-p", "transport=pipe,uds", "-f", "1", "-wi", "0", "-bm", "avgt",
            "-ptransport=fifo", "-jvmArgsAppend", "-Xmx1g", "--rounds=4", "-r", "100ms", "RoundTrip", "--seed", "-7",
            "-jvmArgsPrepend", "--enable-preview"}, dir);
        assertThat(options.base()).isEqualTo("main");
        assertThat(options.candidate()).isEqualTo("HEAD");
        assertThat(options.jmhArgs()).containsExactly("-wi", "0", "-jvmArgsAppend", "-Xmx1g", "-r", "100ms", "-jvmArgsPrepend", "--enable-preview");
        assertThat(options.selection().getIncludes()).containsExactly("RoundTrip");
        assertThat(options.rounds()).isEqualTo(4);
        assertThat(options.seed()).isEqualTo(-7);
        assertThat(options.minEffect()).isEqualTo(0.05);
    }

    /** A value the suite refuses (BenchMain's own check, in the first fork) is bad input of scripts/ab too. */
    @Test
    void aValueTheLauncherRefusesIsOneLineAndExitTwo() {
        String[] result = ab(ROOT.toString(), ROOT.toString(), "--out", dir.resolve("refused").toString(), "--rounds", "1", "-p", "transport=shmem", "-p", "payload=64", "RoundTrip");
        assertThat(result[0]).as(result[2]).isEqualTo("2");
        List<String> lines = result[2].strip().lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("ipc-bench ab: ipc-bench: unknown transport 'shmem'");
        assertThat(result[1]).isEmpty();
    }

    private static Set<String> workTreeFolders() throws Exception {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("ab-worktrees-")).collect(Collectors.toSet());
        }
    }

    /** {exit code, stdout, stderr} of AbMain in this JVM. */
    private static String[] ab(String... args) {
        Console console = Console.capture(() -> AbMain.run(args));
        return new String[] {Integer.toString(console.exit()), console.out(), console.err()};
    }
}
