package io.ipcbench.core;

/**
 * How many bytes a channel holds in each direction: the {@code -p capacity=} axis
 * (docs/transports.md, "Equal buffers"). A writer blocks (or polls) once that many bytes wait
 * unread, so the capacity decides how far a stream can run ahead of its reader, and mechanisms
 * compared at their own defaults (a 64 KiB pipe, a 16 KiB System V queue, a 4 MiB ring) are not
 * compared like for like. {@code default} keeps each mechanism's own; a number of bytes asks every
 * mechanism for that much, and each trial records what the kernel granted (the
 * {@code capacity.bytes} metric), since kernels round it (a pipe to a power of two of pages) or
 * account for it their own way (a socket's buffer counts its bookkeeping too).
 *
 * @param bytes the capacity asked for, or 0 for each mechanism's own default
 */
public record Capacity(long bytes) {
    /** The benchmarks' default {@code -p capacity=} value: each mechanism's own buffer, as before the axis. */
    public static final String BY_DESIGN = "default";
    public static final Capacity DEFAULT = new Capacity(0);
    /** A page: the smallest pipe buffer, and room for the shm ring's two smallest slots. */
    public static final long MIN_BYTES = 4096;
    /** As large as a payload may be: a bigger buffer would only hold memory no message uses. */
    public static final long MAX_BYTES = 1L << 30;
    public static final String VALID = BY_DESIGN + " (each mechanism's own) or a number of bytes in plain digits, "
            + MIN_BYTES + " to " + MAX_BYTES;

    public Capacity {
        if (bytes != 0 && (bytes < MIN_BYTES || bytes > MAX_BYTES)) {
            throw new IllegalArgumentException("capacity " + bytes + " is out of range; valid: " + VALID);
        }
    }

    /** "default" or plain decimal digits (as payloads are written, so a row's identity has one spelling). */
    public static Capacity parse(String text) {
        if (text.equals(BY_DESIGN)) {
            return DEFAULT;
        }
        if (!text.matches("[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("capacity '" + text + "' is not a number of bytes; valid: " + VALID);
        }
        return new Capacity(Long.parseLong(text));
    }

    public boolean isDefault() {
        return bytes == 0;
    }

    /** What {@link #parse} reads back to this capacity. */
    public String label() {
        return isDefault() ? BY_DESIGN : Long.toString(bytes);
    }

    @Override
    public String toString() {
        return label();
    }
}
