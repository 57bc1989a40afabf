package io.ipcbench.core;

/**
 * How a side waits when its channel has nothing to read or no room to write: the {@code -p wait=}
 * axis (docs/transports.md, "The wait axis"). On this class of VM a thread woken from the other
 * CPU costs tens of microseconds, so a blocking round trip mostly measures the wake-up; the same
 * mechanism polled without ever sleeping measures the mechanism itself, and their difference is
 * the wake-up's share.
 *
 * <ul>
 *   <li>{@code block}: the side sleeps in the kernel until the other side's write or wake-up;
 *   <li>{@code spin}: nobody ever sleeps: non-blocking calls (or the shared counters) polled until
 *       data or room is there;
 *   <li>{@code backoff}: poll for at most {@link #spinNanos()} (50 µs, or {@code backoff:<µs>}),
 *       then sleep as {@code block} does — what Agrona's BackoffIdleStrategy and Chronicle's Pauser
 *       do.
 * </ul>
 *
 * @param spinNanos how long a wait polls before it sleeps: 0 for block, {@link Long#MAX_VALUE} for spin
 */
public record WaitMode(Kind kind, long spinNanos) {
    public enum Kind {
        BLOCK, SPIN, BACKOFF
    }

    /** A few wake-ups' worth on this VM, as Agrona's and Chronicle's back-offs spin for tens of µs. */
    public static final long DEFAULT_BACKOFF_MICROS = 50;
    public static final long MAX_BACKOFF_MICROS = 1_000_000;
    public static final WaitMode BLOCK = new WaitMode(Kind.BLOCK, 0);
    public static final WaitMode SPIN = new WaitMode(Kind.SPIN, Long.MAX_VALUE);
    public static final WaitMode BACKOFF = backoffMicros(DEFAULT_BACKOFF_MICROS);
    private static final String BACKOFF_PREFIX = "backoff:";
    /**
     * The benchmarks' default {@code -p wait=} value: each transport waits as it does by design
     * (block; spin for shm-spin and the library rings, which cannot block). Resolved per transport
     * (TrialSpec), never parsed here.
     */
    public static final String BY_DESIGN = "default";

    public WaitMode {
        if (kind == Kind.BACKOFF && (spinNanos < 1_000 || spinNanos > MAX_BACKOFF_MICROS * 1_000)) {
            throw new IllegalArgumentException("backoff spins 1 to " + MAX_BACKOFF_MICROS + " µs, not " + spinNanos + " ns");
        }
    }

    public static WaitMode backoffMicros(long micros) {
        return new WaitMode(Kind.BACKOFF, micros * 1_000);
    }

    /** "block", "spin", "backoff" or "backoff:&lt;µs&gt;"; anything else is one line saying what is valid. */
    public static WaitMode parse(String text) {
        switch (text) {
            case "block":
                return BLOCK;
            case "spin":
                return SPIN;
            case "backoff":
                return BACKOFF;
            default:
                break;
        }
        if (text.startsWith(BACKOFF_PREFIX) && text.substring(BACKOFF_PREFIX.length()).matches("[1-9][0-9]{0,6}")) {
            long micros = Long.parseLong(text.substring(BACKOFF_PREFIX.length()));
            if (micros <= MAX_BACKOFF_MICROS) {
                return backoffMicros(micros);
            }
        }
        throw new IllegalArgumentException("unknown wait '" + text + "'; valid: " + VALID);
    }

    /** What {@link #parse} accepts, for error messages and help. */
    public static final String VALID = "default (each transport as it waits by design), block, spin, backoff (spin "
            + DEFAULT_BACKOFF_MICROS + " µs, then block) or backoff:<µs> (1 to " + MAX_BACKOFF_MICROS + ")";

    /** The canonical spelling: what {@link #parse} reads back to this mode ("backoff:50" is "backoff"). */
    public String label() {
        return switch (kind) {
            case BLOCK -> "block";
            case SPIN -> "spin";
            case BACKOFF -> spinNanos == DEFAULT_BACKOFF_MICROS * 1_000 ? "backoff" : BACKOFF_PREFIX + spinNanos / 1_000;
        };
    }

    /** True when a waiting side polls before (or instead of) sleeping: its descriptors are non-blocking. */
    public boolean polls() {
        return kind != Kind.BLOCK;
    }

    @Override
    public String toString() {
        return label();
    }
}
