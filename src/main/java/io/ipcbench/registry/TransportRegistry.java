package io.ipcbench.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ipcbench.kernel.FifoKind;
import io.ipcbench.kernel.PipeKind;
import io.ipcbench.kernel.PosixMqKind;
import io.ipcbench.kernel.SysVMqKind;
import io.ipcbench.kernel.TcpKind;
import io.ipcbench.kernel.UdsKind;
import io.ipcbench.library.AeronIpcKind;
import io.ipcbench.library.AgronaRingKind;
import io.ipcbench.library.ChronicleQueueKind;
import io.ipcbench.shm.ShmKind;
import io.ipcbench.transport.TransportKind;

/** The mechanisms by their {@code -p transport=} names. Adding one is a class and a line here (docs/ARCHITECTURE.md, "Adding a transport"). */
public final class TransportRegistry {
    private static final Map<String, TransportKind> KINDS = new LinkedHashMap<>();

    static {
        register(new PipeKind());
        register(new FifoKind());
        register(new UdsKind());
        register(new TcpKind());
        register(new SysVMqKind());
        register(new PosixMqKind());
        register(new ShmKind(ShmKind.Strategy.SIGNAL));
        register(new ShmKind(ShmKind.Strategy.SEMAPHORE));
        register(new ShmKind(ShmKind.Strategy.SPIN));
        register(new AeronIpcKind());
        register(new ChronicleQueueKind());
        register(new AgronaRingKind());
    }

    private TransportRegistry() {
    }

    private static void register(TransportKind kind) {
        KINDS.put(kind.name(), kind);
    }

    public static TransportKind kind(String name) {
        TransportKind kind = KINDS.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("unknown transport '" + name + "'; valid: " + String.join(", ", names()));
        }
        return kind;
    }

    public static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }
}
