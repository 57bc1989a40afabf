package io.ipcbench.transport;

import java.io.IOException;

import io.ipcbench.core.Placement;

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
}
