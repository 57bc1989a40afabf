package io.ipcbench.transport;

import io.ipcbench.core.WaitMode;

/**
 * A mechanism whose calls can also be made without blocking (descriptors, message queues, the shm
 * ring's wake-ups), so it runs every {@code -p wait=}: {@code block} by design, {@code spin} and
 * {@code backoff} by polling those calls ({@link SpinThenSleep}). Each instance waits one way; the
 * registry holds the blocking one.
 */
public abstract class PollableKind implements TransportKind {
    private final WaitMode wait;

    protected PollableKind(WaitMode wait) {
        this.wait = wait;
    }

    @Override
    public final WaitMode waitMode() {
        return wait;
    }

    @Override
    public final TransportKind waiting(WaitMode other) {
        return other.equals(wait) ? this : withWait(other);
    }

    /** The same mechanism, its sides waiting as {@code other} says. */
    protected abstract TransportKind withWait(WaitMode other);
}
