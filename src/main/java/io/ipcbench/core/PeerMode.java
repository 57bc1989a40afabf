package io.ipcbench.core;

/** What the peer does with each message: echo it back (round trip) or only check it (stream). */
public enum PeerMode {
    ECHO, SINK;

    public static PeerMode parse(String name) {
        for (PeerMode m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown peer mode '" + name + "'; valid: echo, sink");
    }
}
