package io.ipcbench.peer;

import io.ipcbench.core.OfferedRate;

/**
 * The load benchmark's fixed schedule: message k of an iteration is due at {@code start + k ×
 * interval}, whenever the ones before it came back. {@link #awaitNextSlot()} busy-waits until the
 * next message is due and returns when it was due (its intended send time), from which the
 * round trip is timed. A message that falls behind its slot (the one before it took longer than a
 * gap) leaves at once, and its wait is part of its latency: a stall delays every message that was
 * due during it, as it would delay the messages of a sender that does not wait for replies. Timing
 * from the actual send instead would record one slow message and hide the rest (coordinated
 * omission, as JLBH and Aeron's LoadTestRig correct it).
 *
 * <p>Busy-waiting, not sleeping: a sleep overshoots by tens of µs and would itself delay messages;
 * it keeps the initiator's CPU at a whole core at every rate, which the initiator's CPU figures
 * then show. Allocation-free; one measuring thread uses it.
 */
public final class Schedule {
    private final double intervalNanos;
    /** The first slot's time; 0 until the first message of an iteration sets it. */
    private long start;
    private long slot;

    public Schedule(OfferedRate rate) {
        this.intervalNanos = rate.intervalNanos();
    }

    /**
     * Starts the schedule afresh at the next message: the pause between iterations is not a
     * backlog. Called before every iteration.
     */
    public void restart() {
        start = 0;
        slot = 0;
    }

    /**
     * Waits until the next message is due and returns when it was due ({@link System#nanoTime()}
     * scale). With no schedule ({@code max}) a message is due when asked for: a closed loop.
     */
    public long awaitNextSlot() {
        long now = System.nanoTime();
        if (intervalNanos == 0) {
            return now;
        }
        if (start == 0) {
            start = now;
        }
        long due = start + (long) (slot++ * intervalNanos);
        while (now < due) {
            Thread.onSpinWait();
            now = System.nanoTime();
        }
        return due;
    }
}
