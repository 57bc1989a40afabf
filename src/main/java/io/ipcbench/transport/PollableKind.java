package io.ipcbench.transport;

import java.util.function.BiFunction;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.WaitMode;

/**
 * A mechanism whose calls can also be made without blocking (descriptors, message queues, the shm
 * ring's wake-ups), so it runs every {@code -p wait=}: {@code block} by design, {@code spin} and
 * {@code backoff} by polling those calls ({@link IdleStrategy}); and whose buffers can be sized
 * ({@code -p capacity=}). Each instance waits one way and holds one capacity; the registry holds
 * the blocking one with the mechanism's own buffers.
 */
public abstract class PollableKind implements TransportKind {
    private final WaitMode wait;
    private final Capacity capacity;
    private final BiFunction<WaitMode, Capacity, TransportKind> sameMechanism;

    /** @param sameMechanism makes this mechanism waiting and holding otherwise (the subclass's constructor) */
    protected PollableKind(WaitMode wait, Capacity capacity, BiFunction<WaitMode, Capacity, TransportKind> sameMechanism) {
        this.wait = wait;
        this.capacity = capacity;
        this.sameMechanism = sameMechanism;
    }

    @Override
    public final WaitMode waitMode() {
        return wait;
    }

    @Override
    public final Capacity capacity() {
        return capacity;
    }

    @Override
    public final TransportKind waiting(WaitMode other) {
        return other.equals(wait) ? this : sameMechanism.apply(other, capacity);
    }

    @Override
    public final TransportKind holding(Capacity other) {
        return other.equals(capacity) ? this : sameMechanism.apply(wait, other);
    }
}
