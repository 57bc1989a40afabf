package io.ipcbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packages are layers (docs/ARCHITECTURE.md, "Layers"): a source file in src/main or src/jmh
 * may name a package of the suite only if it is below its own. Packages drawn side by side (the
 * mechanisms) know nothing of each other. The table here and the drawing in the document must be
 * the same.
 */
class LayersTest {
    /** Lowest first; the packages of one entry are side by side. Keep in step with docs/ARCHITECTURE.md. */
    static final List<List<String>> LAYERS = List.of(
            List.of("nativeio"),
            List.of("core"),
            List.of("hygiene"),
            List.of("transport"),
            List.of("kernel", "shm", "library"),
            List.of("registry"),
            List.of("peer"),
            List.of("bench"),
            List.of("floor"),
            List.of("machine"),
            List.of("report"),
            List.of("ab"),
            List.of("cli"));

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java/io/ipcbench"), Path.of("src/jmh/java/io/ipcbench"));
    private static final Path ARCHITECTURE = Path.of("docs/ARCHITECTURE.md");
    private static final Pattern PACKAGE = Pattern.compile("^package io\\.ipcbench\\.(\\w+)\\s*;", Pattern.MULTILINE);
    /** A name of the suite's code, in an import, a fully qualified name or a string; comments are removed first. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.ipcbench\\.(\\w+)\\.(\\w+)");

    private static Map<String, Integer> ranks() {
        Map<String, Integer> ranks = new HashMap<>();
        for (int rank = 0; rank < LAYERS.size(); rank++) {
            for (String name : LAYERS.get(rank)) {
                ranks.put(name, rank);
            }
        }
        return ranks;
    }

    @Test
    void noSourceNamesAPackageAboveOrBesideItsOwn() throws IOException {
        Map<String, Integer> ranks = ranks();
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String code = withoutComments(Files.readString(file));
            Matcher declared = PACKAGE.matcher(code);
            assertThat(declared.find()).as(file + " declares an io.ipcbench package").isTrue();
            String own = declared.group(1);
            Integer ownRank = ranks.get(own);
            if (ownRank == null) {
                violations.add(file + ": package " + own + " is in no layer of LayersTest.LAYERS");
                continue;
            }
            for (Matcher used = REFERENCE.matcher(code); used.find();) {
                String target = used.group(1);
                if (target.equals(own)) {
                    continue;
                }
                Integer targetRank = ranks.get(target);
                if (targetRank == null || targetRank >= ownRank) {
                    violations.add(file + ": " + own + " uses io.ipcbench." + target + "." + used.group(2) + ", "
                            + (targetRank == null ? "a package in no layer" : targetRank > ownRank ? "a layer above it" : "a package beside it"));
                }
            }
        }
        assertThat(violations).as("references that do not run down the layers").isEmpty();
    }

    @Test
    void everyPackageIsInALayer() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        for (Path root : SOURCES) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(Files::isDirectory).forEach(dir -> packages.add(dir.getFileName().toString()));
            }
        }
        assertThat(packages).isEqualTo(new TreeSet<>(ranks().keySet()));
    }

    /** The drawing: the code block under "## Layers", top layer first, each layer's name(s) before the first wide gap. */
    @Test
    void theArchitectureDocumentDrawsTheSameLayers() throws IOException {
        List<String> lines = Files.readAllLines(ARCHITECTURE);
        int heading = lines.indexOf("## Layers");
        assertThat(heading).as("the Layers section of " + ARCHITECTURE).isNotNegative();
        int open = heading + 1;
        while (!lines.get(open).startsWith("```")) {
            open++;
        }
        List<List<String>> drawn = new ArrayList<>();
        for (int i = open + 1; !lines.get(i).startsWith("```"); i++) {
            String names = lines.get(i).strip().split("\\s{2,}", 2)[0];
            if (!lines.get(i).startsWith("   ") && !names.isEmpty()) { // deeper lines continue a description
                drawn.add(0, Arrays.asList(names.split("\\s*\\|\\s*")));
            }
        }
        assertThat(drawn).as("the layers drawn in " + ARCHITECTURE + ", lowest first, against LAYERS").isEqualTo(LAYERS);
    }

    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : SOURCES) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        assertThat(files).as("sources under " + SOURCES).isNotEmpty();
        return files;
    }

    /** The code with its comments blanked out; string and character literals are kept. */
    static String withoutComments(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                code.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end + 3;
                code.append(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
                code.append(source, i, end);
                i = end;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }
}
