package io.ipcbench.transport;

import java.io.IOException;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.Placement;
import io.ipcbench.core.WaitMode;

/**
 * A mechanism, as registered under its {@code -p transport=} name (docs/ARCHITECTURE.md, "The transport SPI"): how the initiator prepares a rendezvous and
 * how the peer attaches to it. Adding a mechanism is one class implementing this and one line in
 * {@code registry.TransportRegistry}, the layer above every mechanism.
 */
public interface TransportKind {

    /** The name used in {@code -p transport=…}, results and scripts. */
    String name();

    /**
     * Initiator side: creates the kernel objects or files the peer will attach to, in the
     * workspace's private directory, recording each kernel object in its ledger before use.
     */
    Rendezvous prepare(Workspace workspace, int payload) throws IOException;

    /** Peer side: attaches to the rendezvous the initiator prepared and described by {@code address}. */
    Transport attach(String address, int payload) throws IOException;

    /**
     * The largest piece a {@code payload}-byte message travels in: the payload itself unless the
     * kernel caps a message's size (message queues), in which case results record the chunk size.
     */
    default int chunkSize(int payload) {
        return payload;
    }

    /**
     * How this instance's two sides wait for data or room: the registry's instance waits as the
     * mechanism does by design ({@code block} for the kernel's channels and the shm ring's
     * wake-ups, {@code spin} for {@code shm-spin} and the library rings).
     */
    default WaitMode waitMode() {
        return WaitMode.BLOCK;
    }

    /**
     * This mechanism waiting as {@code wait} says ({@code -p wait=}), or {@link IllegalArgumentException}
     * with one line that says why it cannot. The default knows only its own way of waiting; a
     * mechanism that can poll its calls returns a copy of itself that does.
     */
    default TransportKind waiting(WaitMode wait) {
        if (wait.equals(waitMode())) {
            return this;
        }
        throw new IllegalArgumentException(name() + " cannot run wait=" + wait.label() + ": it only waits as " + waitMode().label());
    }

    /** The bytes this instance asks each direction of its channel to hold ({@code -p capacity=}): by default the mechanism's own. */
    default Capacity capacity() {
        return Capacity.DEFAULT;
    }

    /**
     * This mechanism with channels of {@code capacity} bytes a direction, or
     * {@link IllegalArgumentException} with one line that says why it cannot set that. The default
     * keeps its own buffers only.
     */
    default TransportKind holding(Capacity capacity) {
        if (capacity.isDefault()) {
            return this;
        }
        throw new IllegalArgumentException(name() + " cannot run capacity=" + capacity.label() + ": its buffers are its own");
    }

    /**
     * This mechanism with an option written after its name ({@code -p transport=memfd-ring:hugetlb}),
     * named with it, or {@link IllegalArgumentException} with one line that says why not. The
     * default takes none.
     */
    default TransportKind option(String option) {
        throw new IllegalArgumentException("transport " + name() + " takes no option '" + option + "'");
    }

    /** Throws {@link IllegalArgumentException} for a placement this mechanism cannot run in. */
    default void checkPlacement(Placement placement) {
    }

    /**
     * Throws {@link IllegalArgumentException} for a payload this machine's kernel limits can never
     * carry, naming the limits and the setting to change, so the trial is refused before it starts
     * rather than failing later with a symptom (a wait that never ends) that blames the peer.
     */
    default void checkPayload(int payload) {
    }

    /**
     * True when the mechanism makes Linux system calls by number (nativeio.Syscall), which the suite
     * knows for x86_64 and aarch64 only; a mechanism written in Java alone says false and runs on any
     * architecture.
     */
    default boolean callsByNumber() {
        return true;
    }
}
