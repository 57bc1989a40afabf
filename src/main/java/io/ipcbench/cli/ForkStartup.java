package io.ipcbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.Deflater;

/**
 * What makes the forks' and their peers' JVMs start faster. A run starts two JVMs a fork on two
 * CPUs, and their start-up is CPU work: with the archive a quick run took 5:13-5:14 of JMH, with
 * JNA's library unpacked as well 5:05, against 6:25-6:56 without (docs/measurement.md, "Profiles and
 * budgets"). Only start-up changes: the same classes are loaded, the same native library, and the JIT
 * compiles the same code.
 *
 * <p><b>A class-data-sharing archive</b> (the JDK's application CDS): the classes and lambdas a
 * fork or a peer loads, parsed and verified once, then mapped by every JVM of the run. The JVM
 * archives classes from jar files only, so each folder of the class path ({@code target/classes},
 * {@code target/test-classes}) is first copied into a jar in {@code target/cds/}, and the forks get
 * those jars in its place. The archive is made from {@value #CLASS_LIST} ({@code scripts/cds-classlist}
 * writes it) once per JDK, class path and list, in a few seconds, and kept until a jar changes. The
 * JVM checks every jar's size and time against the archive and loads classes as usual if one
 * differs: a stale archive costs start-up time, never correctness.
 *
 * <p><b>JNA's native library, unpacked once</b> into the same folder: without it, every JVM copies
 * it out of the JNA jar into a new temporary file (and seeds a secure random generator to name it).
 *
 * <p><b>No search for libraries</b> ({@link #NO_PLATFORM_LIBRARY_PATH}): JNA would run {@code ldconfig} in
 * every JVM to work out a search path that no fork reads.
 */
final class ForkStartup {
    /** {@code -Dipcbench.cds=false}: the forks start without the archive. */
    static final String PROPERTY = "ipcbench.cds";
    /** The class list, a resource beside this class. */
    static final String CLASS_LIST = "forks.classlist";
    private static final String ARCHIVE_PREFIX = "forks-";
    private static final String ARCHIVE_SUFFIX = ".jsa";
    private static final long TIMEOUT_SECONDS = 120;
    /**
     * JNA opens libc, the only library the forks and peers bind ({@code nativeio.LibC}, {@code CpuClock}), as
     * the process itself ({@code dlopen(NULL)}), so its search path for libraries is never read there; yet
     * JNA works that path out as it starts, running {@code /sbin/ldconfig -p} in every JVM. An empty
     * one skips that (a fork ~40 ms shorter, docs/measurement.md, "Profiles and budgets"); a library a
     * fork loaded by name would be found by the dynamic linker's own search.
     */
    static final String NO_PLATFORM_LIBRARY_PATH = "-Djna.platform.library.path=";

    /** The class path the forks run with (jars only) and their flags: the archive made for it, and JNA's library if unpacked. */
    record Prepared(String classPath, List<String> jvmFlags) {
    }

    private ForkStartup() {
    }

    /**
     * The archive for forks of this JVM's class path, made if needed into the folder {@code cds}
     * beside the class path's first folder; empty, with the reason in {@code why}, when the run goes
     * without it (no folder on the class path, or the JVM could not make the archive; no reason when
     * the forks' flags share classes their own way).
     */
    static Optional<Prepared> forThisClassPath(List<String> forkFlags, List<String> why) {
        if (sharesClassesItself(forkFlags)) {
            return Optional.empty();
        }
        List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        Optional<Path> firstFolder = entries.stream().map(Path::of).filter(Files::isDirectory).findFirst();
        if (firstFolder.isEmpty()) {
            return Optional.empty(); // run from jars: nothing to copy, and no build folder to keep an archive in
        }
        Path parent = firstFolder.get().toAbsolutePath().getParent();
        Path javaHome = Path.of(System.getProperty("java.home"));
        Optional<Prepared> prepared = prepare(entries, parent.resolve("cds"), javaHome, moduleOptions(), why)
                .map(made -> withoutWhatTheRunSets(made, forkFlags));
        if (prepared.isPresent()) {
            Optional<String> refusal = refusal(javaHome, prepared.get(), forkFlags);
            if (refusal.isPresent()) {
                why.add("a JVM with the forks' flags cannot use it (" + refusal.get() + ")");
                return Optional.empty();
            }
        }
        return prepared;
    }

    /**
     * The forks' flags say how they share classes ({@code -Xshare:…}, an archive or class list of their own): they
     * start as those say. Our archive flag would come after theirs on the command line and silently replace it.
     */
    static boolean sharesClassesItself(List<String> forkFlags) {
        return forkFlags.stream().anyMatch(flag -> flag.startsWith("-Xshare") || flag.contains("SharedArchiveFile")
                || flag.contains("SharedClassListFile"));
    }

    /** The run's own JNA search path wins: ours would come after it on the command line and replace it. */
    static Prepared withoutWhatTheRunSets(Prepared prepared, List<String> forkFlags) {
        if (forkFlags.stream().noneMatch(flag -> flag.startsWith(NO_PLATFORM_LIBRARY_PATH))) {
            return prepared;
        }
        return new Prepared(prepared.classPath(), prepared.jvmFlags().stream().filter(flag -> !flag.equals(NO_PLATFORM_LIBRARY_PATH)).toList());
    }

    /**
     * Why a JVM with these flags would not map the archive, if it would not: {@code -Xshare:on}
     * makes it refuse to start instead of going on without it. Flags that change the heap's
     * compressed pointers (a large {@code -Xmx}, {@code -XX:-UseCompressedOops}) or the module
     * options do that, and JDK 25 would say so in error lines at every fork's start.
     */
    static Optional<String> refusal(Path javaHome, Prepared prepared, List<String> forkFlags) {
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString()));
        command.addAll(forkFlags);
        command.addAll(prepared.jvmFlags());
        command.addAll(List.of("-Xshare:on", "-cp", prepared.classPath(), "-version"));
        try {
            Ran probe = run(command);
            boolean warned = probe.output().lines().anyMatch(line -> line.contains("[error") || line.contains("[warning"));
            return probe.exit() == 0 && !warned ? Optional.empty() : Optional.of(probe.said());
        } catch (JvmFailed e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * This JVM's module options ({@code --add-exports=…}, {@code --enable-native-access=…}), which
     * the forks inherit: a JVM whose module options differ from the archive's says so in error lines
     * (JDK 25) and maps less of it.
     */
    static List<String> moduleOptions() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--")).toList();
    }

    /** As {@link #forThisClassPath}, for a given class path, archive folder, JDK and module options. */
    static Optional<Prepared> prepare(List<String> classPath, Path folder, Path javaHome, List<String> moduleOptions, List<String> why) {
        try {
            Files.createDirectories(folder);
            List<String> jars = new ArrayList<>();
            for (int i = 0; i < classPath.size(); i++) {
                Path entry = Path.of(classPath.get(i));
                jars.add(Files.isDirectory(entry) ? jarOf(entry, folder.resolve(i + "-" + entry.getFileName() + ".jar")).toString()
                        : entry.toString());
            }
            String jarPath = String.join(File.pathSeparator, jars);
            byte[] classList = classList();
            Path archive = folder.resolve(archivePrefix() + digest(javaHome.toString(), System.getProperty("java.vm.version"), jarPath,
                    String.join(" ", moduleOptions), new String(classList, StandardCharsets.UTF_8)) + ARCHIVE_SUFFIX);
            if (!upToDate(archive, jars)) {
                dump(javaHome, jarPath, moduleOptions, classList, archive, why);
                if (!why.isEmpty()) {
                    return Optional.empty();
                }
            }
            List<String> flags = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
            jnaLibrary(folder).ifPresent(dir -> flags.add("-Djna.boot.library.path=" + dir));
            flags.add(NO_PLATFORM_LIBRARY_PATH);
            return Optional.of(new Prepared(jarPath, flags));
        } catch (IOException e) {
            why.add("cannot write " + folder + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * JNA's dispatch library for this platform, copied out of the JNA jar on this class path into
     * {@code folder/jna/} unless the copy there is the same: the folder for {@code jna.boot.library.path}.
     * It comes from the jar the forks load JNA from, so its version is theirs (JNA refuses a library
     * of another version); a platform whose library the jar lacks gets no flag, and JNA's own search.
     */
    private static Optional<Path> jnaLibrary(Path folder) throws IOException {
        String resource = "com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX + "/" + System.mapLibraryName("jnidispatch");
        Path dir = folder.resolve("jna");
        Path library = dir.resolve(System.mapLibraryName("jnidispatch"));
        try (InputStream in = ForkStartup.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            if (Files.exists(library) && java.util.Arrays.equals(Files.readAllBytes(library), bytes)) {
                return Optional.of(dir);
            }
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, library.getFileName().toString(), ".partial");
            try {
                Files.write(partial, bytes);
                Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return Optional.of(dir);
        }
    }

    /** The folder as a jar, rewritten only when a file or folder in it is newer than the jar. */
    private static Path jarOf(Path dir, Path jar) throws IOException {
        List<Path> files = new ArrayList<>();
        FileTime[] newest = {FileTime.fromMillis(0)};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                newest[0] = max(newest[0], attrs.lastModifiedTime());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                newest[0] = max(newest[0], attrs.lastModifiedTime());
                files.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        if (Files.exists(jar) && Files.getLastModifiedTime(jar).compareTo(newest[0]) >= 0) {
            return jar;
        }
        files.sort(null);
        Path partial = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".partial");
        try {
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial))) {
                out.setLevel(Deflater.NO_COMPRESSION); // read at every fork's start: stored, not packed
                for (Path file : files) {
                    JarEntry entry = new JarEntry(dir.relativize(file).toString().replace(File.separatorChar, '/'));
                    entry.setLastModifiedTime(Files.getLastModifiedTime(file));
                    out.putNextEntry(entry);
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return jar;
    }

    private static boolean upToDate(Path archive, List<String> jars) throws IOException {
        if (!Files.exists(archive)) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(archive);
        for (String jar : jars) {
            Path path = Path.of(jar);
            if (Files.exists(path) && Files.getLastModifiedTime(path).compareTo(made) > 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code java -Xshare:dump} into a partial file, moved into place when whole; the folder's older archives go. */
    private static void dump(Path javaHome, String jarPath, List<String> moduleOptions, byte[] classList, Path archive, List<String> why)
            throws IOException {
        Path folder = archive.getParent();
        Path list = Files.createTempFile(folder, CLASS_LIST, ".partial");
        Path partial = Files.createTempFile(folder, archive.getFileName().toString(), ".partial");
        try {
            Files.write(list, classList);
            List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-Xshare:dump",
                    "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + partial));
            command.addAll(moduleOptions);
            command.addAll(List.of("-cp", jarPath));
            Ran dumped;
            try {
                dumped = run(command);
            } catch (JvmFailed e) {
                why.add(e.getMessage());
                return;
            }
            if (dumped.exit() != 0 || Files.size(partial) == 0) {
                why.add("the JVM could not make it: " + dumped.said());
                return;
            }
            try (DirectoryStream<Path> older = Files.newDirectoryStream(folder, archivePrefix() + "*" + ARCHIVE_SUFFIX)) {
                for (Path old : older) {
                    Files.deleteIfExists(old);
                }
            }
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(list);
        }
    }

    /** What a JVM printed (standard output and error) and its exit code. */
    private record Ran(int exit, String output) {
        /**
         * What it said, in one line: log prefixes, version lines, the dump's routine notes on
         * classes it skipped and the generic closing lines left out.
         */
        String said() {
            String said = output.lines().map(line -> line.replaceFirst("^(\\[[^\\]]*\\])+\\s*", "").strip())
                    .filter(line -> !line.isEmpty() && !line.contains("Preload Warning") && !line.startsWith("Skipping")
                            && !line.startsWith("Error occurred during initialization")
                            && !line.toLowerCase(java.util.Locale.ROOT).matches("(openjdk|java).*(version|runtime|vm).*"))
                    .distinct().collect(java.util.stream.Collectors.joining(" "));
            return said.isEmpty() ? "exit " + exit : said;
        }
    }

    /** A JVM that could not be started or did not finish in time; the message says which. */
    private static final class JvmFailed extends Exception {
        JvmFailed(String message) {
            super(message);
        }
    }

    /** Runs a JVM to its end with its input closed, its output kept; one that runs past the timeout is killed. */
    private static Ran run(List<String> command) throws JvmFailed {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new JvmFailed("cannot start " + command.get(0) + ": " + e.getMessage());
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException gone) {
                // the JVM is gone; what it said is kept
            }
        }, "ipc-bench jvm output");
        drain.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new JvmFailed("the JVM did not finish within " + TIMEOUT_SECONDS + " s");
            }
            drain.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new JvmFailed("interrupted");
        }
        return new Ran(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    static byte[] classList() throws IOException {
        try (InputStream in = ForkStartup.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                throw new IOException("the class list " + CLASS_LIST + " is missing from the build");
            }
            return in.readAllBytes();
        }
    }

    /** One archive per JDK release kept at a time: a build that runs on JDK 17 and 25 keeps both. */
    private static String archivePrefix() {
        return ARCHIVE_PREFIX + Runtime.version().feature() + "-";
    }

    private static FileTime max(FileTime a, FileTime b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
