package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forks' faster start: the class path's folders become jars, the class-data archive is made
 * from the class list and reused until a jar changes, and a JVM started as a fork starts its peer
 * (class path, flags) maps our classes from it and loads JNA's library from the unpacked copy.
 */
class ForkStartupTest {
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path folder;

    /** The suite as `mvn jmh:run` gives it to the launcher: its two class folders, then the dependencies. */
    private static List<String> suiteClassPath() throws IOException {
        List<String> entries = new ArrayList<>(List.of(Path.of("target", "test-classes").toAbsolutePath().toString(),
                Path.of("target", "classes").toAbsolutePath().toString()));
        entries.addAll(List.of(Files.readString(Path.of("target", "classpath.txt")).strip().split(File.pathSeparator)));
        return entries;
    }

    @Test
    void aPeerStartedWithThePreparedClassPathAndFlagsMapsOurClassesFromTheArchiveAndLoadsJnaFromItsCopy() throws Exception {
        List<String> why = new ArrayList<>();
        ForkStartup.Prepared prepared = ForkStartup.prepare(suiteClassPath(), folder, JAVA_HOME, ForkStartup.moduleOptions(), why)
                .orElseThrow(() -> new AssertionError("not prepared: " + why));

        assertThat(prepared.classPath().split(File.pathSeparator)).allMatch(entry -> entry.endsWith(".jar"))
                .contains(folder.resolve("0-test-classes.jar").toString(), folder.resolve("1-classes.jar").toString());
        assertThat(prepared.jvmFlags()).anyMatch(flag -> flag.startsWith("-XX:SharedArchiveFile=" + folder.resolve("forks-")))
                .contains("-Djna.boot.library.path=" + folder.resolve("jna"), ForkStartup.NO_PLATFORM_LIBRARY_PATH);

        // -Xshare:on: a JVM that cannot map the archive refuses to start instead of going on without it
        List<String> command = new ArrayList<>(List.of(JAVA_HOME.resolve("bin/java").toString(), "-Xshare:on",
                "-Xlog:class+load=info", "-Xlog:library=info"));
        command.addAll(ForkStartup.moduleOptions());
        command.addAll(prepared.jvmFlags());
        command.addAll(List.of("-cp", prepared.classPath(), "io.ipcbench.peer.PeerMain", "--standby"));
        Process peer = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String output = new String(peer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(peer.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(peer.exitValue()).as(output).isZero();
        assertThat(output).contains("io.ipcbench.peer.PeerMain source: shared objects file")
                .contains("com.sun.jna.Native source: shared objects file")
                .doesNotContain("[error", "[warning");
        assertThat(output).as("the JVM's account of the native libraries it loaded")
                .contains("Loaded library " + folder.resolve("jna").resolve(System.mapLibraryName("jnidispatch")));
        assertThat(output).as("JNA bound libc (the standby peer's parent watch) without running ldconfig: no process started")
                .contains("io.ipcbench.nativeio.LibC source: shared objects file")
                .doesNotContain("java.lang.ProcessImpl source");
    }

    @Test
    void aRunThatSharesClassesItselfGetsNoArchive() {
        List<String> why = new ArrayList<>();
        for (String own : List.of("-Xshare:off", "-XX:SharedArchiveFile=/opt/app.jsa", "-XX:SharedClassListFile=/opt/classes.lst")) {
            List<String> flags = new ArrayList<>(ForkStartup.moduleOptions());
            flags.add(own);
            assertThat(ForkStartup.sharesClassesItself(flags)).as(own).isTrue();
            assertThat(ForkStartup.forThisClassPath(flags, why)).as(own).isEmpty();
        }
        assertThat(why).as("not a failure: nothing to say").isEmpty();
        assertThat(ForkStartup.sharesClassesItself(ForkStartup.moduleOptions())).isFalse();
    }

    @Test
    void aRunsOwnJnaSearchPathIsKept() {
        ForkStartup.Prepared prepared = new ForkStartup.Prepared("a.jar",
                List.of("-XX:SharedArchiveFile=forks.jsa", ForkStartup.NO_PLATFORM_LIBRARY_PATH));

        assertThat(ForkStartup.withoutWhatTheRunSets(prepared, List.of("-Djna.platform.library.path=/opt/lib")).jvmFlags())
                .containsExactly("-XX:SharedArchiveFile=forks.jsa");
        assertThat(ForkStartup.withoutWhatTheRunSets(prepared, List.of("-Djna.library.path=/opt/lib")).jvmFlags())
                .as("another JNA property is no reason").containsExactly("-XX:SharedArchiveFile=forks.jsa", ForkStartup.NO_PLATFORM_LIBRARY_PATH);
    }

    @Test
    void forkFlagsThatCannotUseTheArchiveAreNamedAndTheOthersPass() throws Exception {
        List<String> why = new ArrayList<>();
        ForkStartup.Prepared prepared = ForkStartup.prepare(suiteClassPath(), folder, JAVA_HOME, ForkStartup.moduleOptions(), why)
                .orElseThrow(() -> new AssertionError("not prepared: " + why));

        assertThat(ForkStartup.refusal(JAVA_HOME, prepared, ForkStartup.moduleOptions())).isEmpty();
        List<String> uncompressed = new ArrayList<>(ForkStartup.moduleOptions());
        uncompressed.add("-XX:-UseCompressedOops"); // the archive was made with compressed pointers
        assertThat(ForkStartup.refusal(JAVA_HOME, prepared, uncompressed)).hasValueSatisfying(reason -> assertThat(reason)
                .isNotBlank().doesNotStartWith("["));
    }

    @Test
    void theArchiveIsKeptUntilAJarChangesAndAFolderIsJarredAgainOnlyWhenAFileInItChanges(@TempDir Path classes) throws Exception {
        Path file = Files.writeString(classes.resolve("a.txt"), "one");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.setLastModifiedTime(classes, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        List<String> classPath = List.of(classes.toString());
        List<String> why = new ArrayList<>();

        ForkStartup.Prepared first = ForkStartup.prepare(classPath, folder, JAVA_HOME, List.of(), why).orElseThrow();
        Path archive = archiveOf(first);
        FileTime made = Files.getLastModifiedTime(archive);
        Path jar = Path.of(first.classPath());
        FileTime jarred = Files.getLastModifiedTime(jar);

        ForkStartup.Prepared again = ForkStartup.prepare(classPath, folder, JAVA_HOME, List.of(), why).orElseThrow();
        assertThat(archiveOf(again)).isEqualTo(archive);
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
        assertThat(Files.getLastModifiedTime(jar)).isEqualTo(jarred);

        Files.writeString(file, "two"); // newer than the jar
        ForkStartup.Prepared changed = ForkStartup.prepare(classPath, folder, JAVA_HOME, List.of(), why).orElseThrow();
        assertThat(Files.getLastModifiedTime(jar)).isGreaterThan(jarred);
        assertThat(Files.getLastModifiedTime(archiveOf(changed))).isGreaterThan(made);
        try (var listing = Files.list(folder)) {
            assertThat(listing.filter(p -> p.getFileName().toString().endsWith(".jsa"))).hasSize(1); // the older one went
        }
        assertThat(why).isEmpty();
    }

    @Test
    void aJdkThatCannotMakeTheArchiveIsNamedAndTheRunGoesWithout(@TempDir Path notAJdk) throws Exception {
        List<String> why = new ArrayList<>();
        Optional<ForkStartup.Prepared> prepared = ForkStartup.prepare(List.of(), folder, notAJdk, List.of(), why);
        assertThat(prepared).isEmpty();
        assertThat(why).singleElement().asString().startsWith("cannot start " + notAJdk.resolve("bin/java"));
    }

    @Test
    void everyClassOfOursInTheClassListExists() throws Exception {
        List<String> ours = new String(ForkStartup.classList(), StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("io/ipcbench/")).toList();
        assertThat(ours).hasSizeGreaterThan(100); // the list covers the forks' and peers' own classes
        for (String name : ours) {
            assertThat(Class.forName(name.replace('/', '.'), false, getClass().getClassLoader()))
                    .as("%s is in the class list but not in the build: run scripts/cds-classlist", name).isNotNull();
        }
    }

    private static Path archiveOf(ForkStartup.Prepared prepared) {
        return Path.of(prepared.jvmFlags().get(0).substring("-XX:SharedArchiveFile=".length()));
    }
}
