package io.ipcbench.core;

/**
 * The load benchmark's {@code -p direction=} value (docs/measurement.md, "Measurement"): what a
 * paced message is. {@code roundtrip} (the default, and every load row from before the param): the
 * peer echoes each message and its round trip is timed from its slot. {@code oneway}: the peer only
 * receives, and times each message from its slot, which the message carries as its send stamp.
 */
public enum LoadDirection {
    ROUNDTRIP("roundtrip", PeerMode.ECHO), ONEWAY("oneway", PeerMode.SINK);

    /** The benchmark's default; a row with it is known without the param (registry.TransportRegistry.rowIdentity). */
    public static final String DEFAULT = "roundtrip";

    private final String label;
    private final PeerMode peerMode;

    LoadDirection(String label, PeerMode peerMode) {
        this.label = label;
        this.peerMode = peerMode;
    }

    /** {@code roundtrip} or {@code oneway}; anything else is a one-line error. */
    public static LoadDirection parse(String text) {
        for (LoadDirection direction : values()) {
            if (direction.label.equals(text == null ? "" : text.trim())) {
                return direction;
            }
        }
        throw new BadInput("direction '" + text + "': give roundtrip (the default: echoed, timed there and back) or oneway"
                + " (timed by the receiver from each message's slot)");
    }

    /** What the peer does with each message. */
    public PeerMode peerMode() {
        return peerMode;
    }
}
