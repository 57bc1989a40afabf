package io.ipcbench.nativeio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The IPC limits this kernel enforces, read from /proc so errors and results can quote them. */
public final class KernelLimits {
    public static final String MSGMAX = "kernel.msgmax";
    public static final String MSGMNB = "kernel.msgmnb";
    public static final String MQ_MSGSIZE_MAX = "fs.mqueue.msgsize_max";
    public static final String MQ_MSG_MAX = "fs.mqueue.msg_max";
    public static final String PIPE_MAX_SIZE = "fs.pipe-max-size";
    public static final String SHMMAX = "kernel.shmmax";
    public static final String SHMALL = "kernel.shmall";
    public static final String SHMMNI = "kernel.shmmni";
    public static final String SEM = "kernel.sem";
    public static final String MQ_QUEUES_MAX = "fs.mqueue.queues_max";
    /** Resource limits as /proc/self/limits names them. */
    public static final String RLIMIT_MSGQUEUE = "Max msgqueue size";
    public static final String RLIMIT_NOFILE = "Max open files";

    /** Values tests put in place of the real ones: see {@link #override}. */
    private static final Map<String, String> OVERRIDES = new ConcurrentHashMap<>();

    private KernelLimits() {
    }

    /** A sysctl's value as text, e.g. {@code read("kernel.msgmax")} = "8192"; "?" if unreadable. */
    public static String read(String sysctl) {
        String overridden = OVERRIDES.get(sysctl);
        if (overridden != null) {
            return overridden;
        }
        return text(Path.of("/proc/sys", sysctl.replace('.', '/'))).replaceAll("\\s+", " ");
    }

    /**
     * A setting outside /proc/sys (under /sys, e.g. transparent huge pages), read as {@link #read}
     * reads a sysctl and overridden as one, by its path: the file's text, "?" if unreadable.
     */
    public static String readSetting(Path file) {
        String overridden = OVERRIDES.get(file.toString());
        if (overridden != null) {
            return overridden;
        }
        return text(file);
    }

    /** The file's lines joined and trimmed, "?" if unreadable. */
    private static String text(Path file) {
        try {
            // not Files.readString: it trusts the size /proc reports and can return a truncated value
            return String.join(" ", Files.readAllLines(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** A numeric sysctl, or {@code fallback} if it cannot be read. */
    public static long readLong(String sysctl, long fallback) {
        try {
            return Long.parseLong(read(sysctl));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * This process's soft resource limit named as in /proc/self/limits (e.g. {@link #RLIMIT_NOFILE});
     * {@code Long.MAX_VALUE} for "unlimited", -1 if unreadable.
     */
    public static long processLimit(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith(name + " ")) {
                    String soft = line.substring(name.length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: unknown
        }
        return -1;
    }

    /**
     * The resource limit {@code sysctl} as it binds this process: a user with CAP_SYS_RESOURCE may
     * go beyond fs.pipe-max-size, kernel.msgmnb and fs.mqueue.msg_max (up to the kernel's own
     * ceilings), so for it they bind nothing ({@code Long.MAX_VALUE}); {@code fallback} if unreadable.
     * A root in a container often lacks the capability, and is bound like anyone.
     */
    public static long bindingLimit(String sysctl, long fallback) {
        return mayExceedResourceLimits() ? Long.MAX_VALUE : readLong(sysctl, fallback);
    }

    private static final int CAP_SYS_RESOURCE = 24;

    /** True when this process's effective capabilities (/proc/self/status CapEff) hold CAP_SYS_RESOURCE. */
    static boolean mayExceedResourceLimits() {
        if (OVERRIDES.containsKey(CAP_SYS_RESOURCE_KEY)) {
            return Boolean.parseBoolean(OVERRIDES.get(CAP_SYS_RESOURCE_KEY));
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << CAP_SYS_RESOURCE)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: assume the limits bind, as they do for most users
        }
        return false;
    }

    /** An {@link #override} key: "true" or "false" in place of CAP_SYS_RESOURCE in CapEff. */
    public static final String CAP_SYS_RESOURCE_KEY = "CapEff:cap_sys_resource";

    /**
     * For tests: until the returned handle is closed, {@link #read} answers {@code value} for
     * {@code sysctl} in this JVM (not in a peer it starts). A limit's effect on the suite can be
     * tried without changing it for the whole machine, where every other program would feel it.
     */
    public static Restore override(String sysctl, String value) {
        if (OVERRIDES.putIfAbsent(sysctl, value) != null) {
            throw new IllegalStateException(sysctl + " is already overridden");
        }
        return () -> OVERRIDES.remove(sysctl);
    }

    /** Ends an {@link #override}. */
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    /** Every limit the suite's results depend on, for the fingerprint. */
    public static Map<String, String> all() {
        Map<String, String> limits = new LinkedHashMap<>();
        for (String name : new String[] {MSGMAX, MSGMNB, MQ_MSGSIZE_MAX, MQ_MSG_MAX, PIPE_MAX_SIZE, SHMMAX, SHMALL, SEM}) {
            limits.put(name, read(name));
        }
        return limits;
    }

    /** "kernel.msgmax = 8192", for error messages. */
    public static String quote(String sysctl) {
        return sysctl + " = " + read(sysctl);
    }
}
