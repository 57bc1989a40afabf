package io.ipcbench.core;

/**
 * The load benchmark's {@code -p rate=} value: messages offered per second on a fixed schedule, or
 * {@code max} for no schedule at all (each message leaves as the last one returns: a closed loop).
 *
 * @param perSecond the target rate; 0 for {@code max}
 */
public record OfferedRate(long perSecond) {
    public static final String MAX = "max";

    /** A positive whole number of messages per second, or {@code max}; anything else is a one-line error. */
    public static OfferedRate parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.equalsIgnoreCase(MAX)) {
            return new OfferedRate(0);
        }
        try {
            long rate = Long.parseLong(value);
            if (rate > 0 && rate <= 1_000_000_000L) {
                return new OfferedRate(rate);
            }
        } catch (NumberFormatException notANumber) {
            // the message below says what is valid
        }
        throw new BadInput("rate '" + text + "': give messages per second (a whole number from 1 to 10^9) or 'max'");
    }

    public boolean isMax() {
        return perSecond == 0;
    }

    /** The gap between two slots of the schedule in nanoseconds (fractional: 3 per µs is 333.3 ns); 0 for max. */
    public double intervalNanos() {
        return isMax() ? 0 : 1e9 / perSecond;
    }

    @Override
    public String toString() {
        return isMax() ? MAX : Long.toString(perSecond);
    }
}
