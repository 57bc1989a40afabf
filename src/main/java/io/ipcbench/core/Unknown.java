package io.ipcbench.core;

/**
 * How the fingerprint and the floor record a value they could not get: {@code "unknown (reason)"}
 * in place of the value, so that a missing setting is seen and explained, never silently omitted.
 */
public final class Unknown {
    private static final String PREFIX = "unknown (";

    private Unknown() {
    }

    /** {@code "unknown (reason)"}. */
    public static String because(String reason) {
        return PREFIX + reason + ")";
    }

    /** True for a value written by {@link #because}. */
    public static boolean is(Object value) {
        return value instanceof String text && text.startsWith(PREFIX) && text.endsWith(")");
    }
}
