package io.ipcbench.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.ipcbench.core.Unknown;

/**
 * One setting of the kernel read from /sys or /proc. Such files come and go with the kernel's
 * configuration, the hypervisor and the container, so a read never throws: it returns the value or
 * {@code "unknown (reason)"} (see {@link Unknown}).
 */
public final class SettingFile {
    private SettingFile() {
    }

    /** The file's contents, trimmed, or {@code "unknown (reason)"}. */
    public static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Unknown.because(file + " is empty") : text;
        } catch (NoSuchFileException e) {
            return Unknown.because("no " + file);
        } catch (AccessDeniedException e) {
            return Unknown.because("no permission to read " + file);
        } catch (IOException | RuntimeException e) {
            return Unknown.because("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * The value chosen in a sysfs multiple-choice file, the one in brackets: {@code "always [madvise] never"}
     * gives {@code "madvise"}; a file without brackets gives its whole contents.
     */
    public static String chosen(Path file) {
        String text = read(file);
        int open = text.indexOf('[');
        int close = text.indexOf(']', open + 1);
        return Unknown.is(text) || open < 0 || close < 0 ? text : text.substring(open + 1, close);
    }

    /** The first of {@code files} that exists, read; {@code "unknown (…)"} naming the first if none does. */
    public static String firstOf(Path... files) {
        for (Path file : files) {
            if (Files.exists(file)) {
                return read(file);
            }
        }
        return read(files[0]);
    }

    /**
     * name → value for every entry of {@code dir} whose name matches {@code names}, read from
     * {@code file.apply(entry)}; "unknown (…)" if the folder cannot be listed or has no such entry.
     */
    public static Object eachIn(Path dir, String names, UnaryOperator<Path> file) {
        Map<String, String> values = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.matches(names)) {
                    values.put(name, read(file.apply(entry)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Unknown.because("cannot list " + dir + ": " + e.getMessage());
        }
        return values.isEmpty() ? Unknown.because("nothing named " + names + " in " + dir) : values;
    }
}
