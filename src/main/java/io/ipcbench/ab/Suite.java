package io.ipcbench.ab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ipcbench.core.BadInput;

/**
 * A built suite: the folder of one version of ipc-bench with target/classes, target/test-classes
 * (the JMH benchmarks, compiled with the tests from src/jmh) and target/classpath.txt. Its forks
 * run with the JVM flags that version's own {@code mvn jmh:run} gives them: its pom.xml's
 * {@code ipcbench.jvm.flags}, with the newer-JDK flags its profile adds on JDK 24 and later.
 *
 * @param label what the user called it (a revision or a folder), for the report
 * @param commit the commit it was built from, or "" for a folder given as is
 */
public record Suite(String label, String commit, Path root, List<String> jvmFlags) {
    /** The JDK feature version from which the pom's jdk24-and-later profile adds its flags. */
    private static final int NEWER_JDK = 24;
    private static final Pattern FLAGS = Pattern.compile("<ipcbench\\.jvm\\.flags>(.*?)</ipcbench\\.jvm\\.flags>", Pattern.DOTALL);
    private static final Pattern NEWER_FLAGS = Pattern.compile(
            "<id>jdk24-and-later</id>.*?<ipcbench\\.jvm\\.newerJdkFlags>(.*?)</ipcbench\\.jvm\\.newerJdkFlags>", Pattern.DOTALL);

    public static boolean isBuilt(Path dir) {
        Path target = dir.resolve("target");
        return Files.isDirectory(target.resolve("classes")) && Files.isRegularFile(target.resolve("classpath.txt"))
                && Files.isRegularFile(benchmarkList(dir));
    }

    public static Suite at(String label, String commit, Path root) {
        if (!isBuilt(root)) {
            throw new BadInput(root + " is not a built suite: it needs target/classes, target/test-classes/META-INF/BenchmarkList"
                    + " and target/classpath.txt (mvn -DskipTests package)");
        }
        return new Suite(label, commit, root.toAbsolutePath(), jvmFlags(root.resolve("pom.xml")));
    }

    public Path benchmarkList() {
        return benchmarkList(root);
    }

    private static Path benchmarkList(Path dir) {
        return dir.resolve("target/test-classes/META-INF/BenchmarkList");
    }

    /** classes, test-classes, then the dependencies, as the jmh:run goal puts them. */
    public String classpath() {
        try {
            String dependencies = Files.readString(root.resolve("target/classpath.txt")).strip();
            return String.join(java.io.File.pathSeparator, root.resolve("target/test-classes").toString(),
                    root.resolve("target/classes").toString(), dependencies);
        } catch (IOException e) {
            throw new BadInput("cannot read " + root.resolve("target/classpath.txt") + ": " + e.getMessage());
        }
    }

    /** The pom's ipcbench.jvm.flags with ${ipcbench.jvm.newerJdkFlags} resolved for the JDK running us (which the forks use too). */
    static List<String> jvmFlags(Path pom) {
        String text;
        try {
            text = Files.readString(pom);
        } catch (IOException e) {
            throw new BadInput("cannot read " + pom + ": " + e.getMessage());
        }
        Matcher flags = FLAGS.matcher(text);
        if (!flags.find()) {
            throw new BadInput(pom + " sets no ipcbench.jvm.flags: scripts/ab cannot give its forks the flags of a normal run");
        }
        Matcher newer = NEWER_FLAGS.matcher(text);
        String newerFlags = Runtime.version().feature() >= NEWER_JDK && newer.find() ? newer.group(1) : "";
        String resolved = flags.group(1).replace("${ipcbench.jvm.newerJdkFlags}", newerFlags);
        if (resolved.contains("${")) {
            throw new BadInput(pom + ": ipcbench.jvm.flags refers to a property scripts/ab does not know: " + resolved);
        }
        return new ArrayList<>(Arrays.stream(resolved.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    }
}
