package io.ipcbench.registry;

import java.util.List;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.Message;
import io.ipcbench.core.PeerMode;
import io.ipcbench.core.Placement;
import io.ipcbench.core.WaitMode;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.nativeio.Syscall;
import io.ipcbench.transport.TransportKind;

/**
 * The parameters of one trial, validated once: every bad value gets one line that names it and
 * says what is valid. It lives beside the registry because a trial is checked against its
 * registered mechanism (name, placement, payload) — docs/ARCHITECTURE.md, "Layers".
 */
public record TrialSpec(String transport, int payload, Placement placement, PeerMode mode, WaitMode waitMode, Capacity capacity) {
    /** A message larger than this is refused rather than risking the machine's memory. */
    public static final long MAX_PAYLOAD = 1L << 30;
    /** The benchmarks' default payload sweep (PairBenchmark's {@code @Param}; a test keeps the two equal). */
    public static final List<String> DEFAULT_PAYLOADS = List.of("64", "1024", "4096", "65536", "1048576");

    public TrialSpec {
        String unsupported = TransportRegistry.kind(transport).callsByNumber() ? Syscall.unsupportedHere(transport) : null;
        if (unsupported != null) {
            throw new IllegalArgumentException(unsupported); // an architecture whose system call numbers the suite does not know
        }
        TransportKind kind = TransportRegistry.kind(transport) // throws for an unknown name
                .waiting(waitMode) // throws for a way of waiting the mechanism cannot do, saying why
                .holding(capacity); // and for a capacity it cannot set
        kind.checkPlacement(placement);
        if (waitMode.kind() == WaitMode.Kind.SPIN && placement == Placement.SAME_CORE) {
            throw new IllegalArgumentException(transport + " cannot run wait=spin same-core: each side spins on a whole CPU, so"
                    + " sharing one would only measure the scheduler; use cross-core or unpinned, or wait=backoff");
        }
        kind.checkPayload(payload);
        if (placement != Placement.UNPINNED && placement.peerCpu() >= Sys.onlineCpus()) {
            throw new IllegalArgumentException("placement " + placement.label() + " needs CPU " + placement.peerCpu()
                    + " but this machine has " + Sys.onlineCpus() + " CPU(s); use "
                    + Placement.UNPINNED.label());
        }
    }

    /** A trial with the mechanism's own buffers ({@link Capacity#DEFAULT}). */
    public TrialSpec(String transport, int payload, Placement placement, PeerMode mode, WaitMode waitMode) {
        this(transport, payload, placement, mode, waitMode, Capacity.DEFAULT);
    }

    /** A trial in which both sides wait as the mechanism does by design ({@link TransportKind#waitMode()}), with its own buffers. */
    public TrialSpec(String transport, int payload, Placement placement, PeerMode mode) {
        this(transport, payload, placement, mode, TransportRegistry.kind(transport).waitMode());
    }

    public static TrialSpec parse(String transport, String payload, String placement, PeerMode mode) {
        return new TrialSpec(transport, parsePayload(payload), Placement.parse(placement), mode);
    }

    /** As {@link #parse(String, String, String, PeerMode)}, with the {@code -p wait=} value ({@link WaitMode#BY_DESIGN} included). */
    public static TrialSpec parse(String transport, String payload, String placement, PeerMode mode, String wait) {
        return parse(transport, payload, placement, mode, wait, Capacity.BY_DESIGN);
    }

    /** As {@link #parse(String, String, String, PeerMode, String)}, with the {@code -p capacity=} value. */
    public static TrialSpec parse(String transport, String payload, String placement, PeerMode mode, String wait, String capacity) {
        int bytes = parsePayload(payload);
        Placement where = Placement.parse(placement);
        WaitMode waitMode = wait.equals(WaitMode.BY_DESIGN) ? null : WaitMode.parse(wait);
        Capacity holding = Capacity.parse(capacity);
        return new TrialSpec(transport, bytes, where, mode,
                waitMode == null ? TransportRegistry.kind(transport).waitMode() : waitMode, holding);
    }

    /** The mechanism as this trial runs it: waiting as {@link #waitMode()} says, holding {@link #capacity()}. */
    public TransportKind kind() {
        return TransportRegistry.kind(transport).waiting(waitMode).holding(capacity);
    }

    /** True when both sides wait as the mechanism does by design, the only way before the wait axis. */
    public boolean waitsByDesign() {
        return waitMode.equals(TransportRegistry.kind(transport).waitMode());
    }

    /**
     * Plain decimal digits only: "+64", " 64" or "064" would run as 64 but be stored as written, and
     * then never match "64" when two result sets are compared.
     */
    public static int parsePayload(String text) {
        long bytes;
        try {
            if (!text.matches("0|[1-9][0-9]{0,18}")) {
                throw new NumberFormatException();
            }
            bytes = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("payload '" + text + "' is not a number of bytes written in plain digits; valid: "
                    + Message.MIN_LENGTH + " to " + MAX_PAYLOAD);
        }
        if (bytes < Message.MIN_LENGTH || bytes > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload " + bytes + " is out of range; valid: " + Message.MIN_LENGTH
                    + " (room for the sequence number at both ends and the send stamp) to " + MAX_PAYLOAD + " (1 GiB) bytes");
        }
        return (int) bytes;
    }

    @Override
    public String toString() {
        return transport + " " + mode.name().toLowerCase() + " payload=" + payload + " placement=" + placement.label()
                + (waitsByDesign() ? "" : " wait=" + waitMode.label()) + (capacity.isDefault() ? "" : " capacity=" + capacity.label());
    }
}
