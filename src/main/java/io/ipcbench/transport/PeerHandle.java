package io.ipcbench.transport;

import java.io.IOException;

/** What a rendezvous may know of the peer process while accepting it. */
public interface PeerHandle {
    long pid();

    /** Blocks until the peer's JVM runs our code. */
    void awaitStarted() throws IOException;
}
