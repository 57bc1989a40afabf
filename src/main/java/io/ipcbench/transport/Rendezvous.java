package io.ipcbench.transport;

import java.io.IOException;
import java.util.Map;

/**
 * What the initiator prepared for one trial, before the peer has attached: the address the peer is
 * told (in its arguments), secrets it is given (in its environment, which other users cannot
 * read), and the blocking accept that yields the initiator's {@link Transport}.
 */
public interface Rendezvous extends AutoCloseable {

    /** Told to the peer on its command line; must not be a secret. */
    String address();

    /** Extra environment for the peer process. */
    default Map<String, String> peerEnvironment() {
        return Map.of();
    }

    /** Blocks until the peer has attached; {@link #abort()} from another thread ends the wait. */
    Transport accept(PeerHandle peer) throws IOException;

    /** Ends a blocked {@link #accept} because the peer is gone. Thread-safe, idempotent. */
    default void abort() {
    }

    /** Removes names (files, sockets, queue names) that are no longer needed once both sides are attached. */
    @Override
    void close();
}
