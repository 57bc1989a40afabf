package io.ipcbench.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.Capacity;
import io.ipcbench.core.Family;
import io.ipcbench.core.LoadDirection;

import io.ipcbench.core.WaitMode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ipcbench.kernel.FifoKind;
import io.ipcbench.kernel.JdkSocketKind;
import io.ipcbench.kernel.PipeKind;
import io.ipcbench.kernel.PosixMqKind;
import io.ipcbench.kernel.SysVMqKind;
import io.ipcbench.kernel.TcpKind;
import io.ipcbench.kernel.UdsKind;
import io.ipcbench.kernel.VmspliceKind;
import io.ipcbench.library.AeronIpcKind;
import io.ipcbench.library.AgronaRingKind;
import io.ipcbench.library.ChronicleQueueKind;
import io.ipcbench.shm.CmaKind;
import io.ipcbench.shm.ShmKind;
import io.ipcbench.transport.TransportKind;

/**
 * The mechanisms by their {@code -p transport=} names. Adding one is a class and a line here (docs/ARCHITECTURE.md, "Adding a transport").
 *
 * <p>A run without {@code -p transport=} sweeps the {@linkplain #defaultNames() default ones}; those
 * registered {@linkplain #registerOnRequest on request} (two more wake-ups of the shm ring, the
 * JDK's own socket channels {@code uds-jdk} and {@code tcp-jdk} beside the suite's native {@code uds}
 * and {@code tcp}, and the single-copy {@code cma} and {@code vmsplice}) are tested like the rest but measured only when {@code -p transport=} names them,
 * so that the profiles keep their budgets as mechanisms are added (each adds 12 forks to the quick
 * profile and 30 to the full one; docs/measurement.md, "Profiles and budgets").
 *
 * <p>Everything else that lists transports derives from here: the launcher passes the default sweep
 * as {@code -p transport=} (the benchmarks' {@code @Param} list is empty), the profiles' budgets count
 * it, and each run folder gets {@value #RUN_FILE} ({@link #writeRunFile}), from which the scripts take
 * names, families, order and waits by design.
 */
public final class TransportRegistry {
    private static final Map<String, TransportKind> KINDS = new LinkedHashMap<>();
    private static final List<String> ON_REQUEST = new ArrayList<>();
    private static final Map<String, Family> FAMILIES = new LinkedHashMap<>();

    static {
        register(Family.BYTE_STREAM, new PipeKind());
        register(Family.BYTE_STREAM, new FifoKind());
        register(Family.BYTE_STREAM, new UdsKind());
        register(Family.BYTE_STREAM, new TcpKind());
        register(Family.MESSAGE_QUEUE, new SysVMqKind());
        register(Family.MESSAGE_QUEUE, new PosixMqKind());
        register(Family.SHARED_MEMORY, new ShmKind(ShmKind.Strategy.SIGNAL));
        register(Family.SHARED_MEMORY, new ShmKind(ShmKind.Strategy.SEMAPHORE));
        register(Family.SHARED_MEMORY, new ShmKind(ShmKind.Strategy.SPIN));
        // two more ways to wake the same ring: shm-signal and shm-sem stand for blocking shared memory in every sweep
        registerOnRequest(Family.SHARED_MEMORY, new ShmKind(ShmKind.Strategy.FUTEX));
        registerOnRequest(Family.SHARED_MEMORY, new ShmKind(ShmKind.Strategy.EVENTFD));
        register(Family.LIBRARY, new AeronIpcKind());
        register(Family.LIBRARY, new ChronicleQueueKind());
        register(Family.LIBRARY, new AgronaRingKind());
        registerOnRequest(Family.BYTE_STREAM, JdkSocketKind.UDS);
        registerOnRequest(Family.BYTE_STREAM, JdkSocketKind.TCP);
        registerOnRequest(Family.ZERO_COPY, new CmaKind()); // one copy per message (process_vm_writev), woken by a futex
        registerOnRequest(Family.ZERO_COPY, new VmspliceKind()); // one copy per message: the pipe references the sender's pages, read(2) copies them
        // the same ring in a sealed memfd handed over by SCM_RIGHTS, woken by a futex; memfd-ring:hugetlb in huge pages
        registerOnRequest(Family.SHARED_MEMORY, new ShmKind("memfd-ring", ShmKind.Strategy.FUTEX, ShmKind.Memory.MEMFD));
        // the memfd ring woken by posting to the sleeper's io_uring (IORING_OP_MSG_RING)
        registerOnRequest(Family.SHARED_MEMORY, new ShmKind("io-uring", ShmKind.Strategy.IO_URING, ShmKind.Memory.MEMFD));
        registerExtraKinds(System.getProperty(TransportRegistry.EXTRA_KINDS_PROPERTY));
    }

    /**
     * A hook for tests, never set by the suite: {@code FAMILY=class,...} registers each class (a
     * {@link TransportKind} with a public no-argument constructor, from the test classes) after the
     * rest, in the default sweep, in every JVM started with it: the launcher, and the forks and peers,
     * which inherit its flags. It proves that a transport registered here alone is swept, budgeted and
     * tabled (ExtraTransportTest).
     */
    public static final String EXTRA_KINDS_PROPERTY = "ipcbench.test.extraKinds";

    private static void registerExtraKinds(String spec) {
        if (spec == null || spec.isBlank()) {
            return;
        }
        for (String entry : spec.split(",")) {
            int equals = entry.indexOf('=');
            try {
                Family family = Family.valueOf(entry.substring(0, equals).trim());
                TransportKind kind = (TransportKind) Class.forName(entry.substring(equals + 1).trim()).getConstructor().newInstance();
                if (KINDS.containsKey(kind.name())) {
                    throw new IllegalArgumentException("the name " + kind.name() + " is taken");
                }
                register(family, kind);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("-D" + EXTRA_KINDS_PROPERTY + ": cannot register '" + entry + "' (FAMILY=class): " + e, e);
            }
        }
    }

    private TransportRegistry() {
    }

    private static void register(Family family, TransportKind kind) {
        KINDS.put(kind.name(), kind);
        FAMILIES.put(kind.name(), family);
    }

    private static void registerOnRequest(Family family, TransportKind kind) {
        register(family, kind);
        ON_REQUEST.add(kind.name());
    }

    /**
     * The mechanism named {@code name}, which may carry an option after a colon
     * ({@code memfd-ring:hugetlb}: {@link TransportKind#option}); one line for an unknown name or option.
     */
    public static TransportKind kind(String name) {
        int colon = name.indexOf(':');
        String base = colon < 0 ? name : name.substring(0, colon);
        TransportKind kind = KINDS.get(base);
        if (kind == null) {
            throw new IllegalArgumentException("unknown transport '" + name + "'; valid: " + String.join(", ", names()));
        }
        return colon < 0 ? kind : kind.option(name.substring(colon + 1));
    }

    /** As {@link #kind}, or null for a name or option this version does not know. */
    private static TransportKind find(String name) {
        if (name == null) {
            return null;
        }
        try {
            return kind(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The family the reports group a transport in; null for a name this version does not know. */
    public static Family family(String name) {
        return FAMILIES.get(name);
    }

    /** How a transport waits by design ({@code -p wait=default}); null for a name this version does not know. */
    public static WaitMode waitByDesign(String name) {
        TransportKind kind = KINDS.get(name);
        return kind == null ? null : kind.waitMode();
    }

    /** Every registered name, those measured on request only included (the tests cover them all). */
    public static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    /**
     * A row's identity: its params less {@code wait} when that is how the transport waits by design
     * ({@code default}, or what it means: block for most, spin for shm-spin and the library rings), so that a row measured before the
     * wait axis existed and the same row measured after it are one row for every comparison,
     * table and A/A spread; a row with another wait keeps it ({@code wait=spin}), in its canonical
     * spelling. Likewise {@code capacity=default}, each mechanism's own buffers, and the load
     * benchmark's {@code direction=roundtrip} go unsaid. Params
     * of an unknown transport are left as they are.
     */
    public static SortedMap<String, String> rowIdentity(Map<String, String> params) {
        TreeMap<String, String> identity = new TreeMap<>(params);
        if (Capacity.BY_DESIGN.equals(identity.get(Benchmarks.CAPACITY))) {
            identity.remove(Benchmarks.CAPACITY); // the mechanism's own buffers, as every row before the capacity axis
        }
        if (LoadDirection.DEFAULT.equals(identity.get(Benchmarks.DIRECTION))) {
            identity.remove(Benchmarks.DIRECTION); // round trips, as every load row before the direction param
        }
        String wait = identity.get(Benchmarks.WAIT);
        TransportKind kind = find(identity.get(Benchmarks.TRANSPORT));
        if (wait == null || kind == null) {
            return identity;
        }
        if (wait.equals(WaitMode.BY_DESIGN)) {
            identity.remove(Benchmarks.WAIT);
            return identity;
        }
        try {
            WaitMode mode = WaitMode.parse(wait);
            if (mode.equals(kind.waitMode())) {
                identity.remove(Benchmarks.WAIT);
            } else {
                identity.put(Benchmarks.WAIT, mode.label());
            }
        } catch (IllegalArgumentException unknown) {
            // kept as written: a value this version cannot read stays visible
        }
        return identity;
    }

    /**
     * What a run sweeps when {@code -p transport=} is not given: every mechanism but those run on
     * request, in registry order. The launcher passes it to JMH; the profiles' budgets count it.
     */
    public static List<String> defaultNames() {
        List<String> names = new ArrayList<>(KINDS.keySet());
        names.removeAll(ON_REQUEST);
        return List.copyOf(names);
    }

    /** The file beside {@code jmh.json} that says which transports the run's version knew, in registry order. */
    public static final String RUN_FILE = "transports.json";

    /** One transport as {@value #RUN_FILE} lists it. */
    public record Described(String name, String family, String familyTitle, boolean sweptByDefault, String waitByDesign) {
    }

    /** Every registered transport, in registry order, as {@value #RUN_FILE} lists them. */
    public static List<Described> described() {
        List<String> swept = defaultNames();
        return KINDS.values().stream().map(kind -> new Described(kind.name(), FAMILIES.get(kind.name()).name(),
                FAMILIES.get(kind.name()).title(), swept.contains(kind.name()), kind.waitMode().label())).toList();
    }

    /**
     * Writes {@value #RUN_FILE} into a run folder: {@code {"transports": [{"name", "family",
     * "familyTitle", "sweptByDefault", "waitByDesign"}, ...]}} in registry order, so that tools
     * outside the JVM (scripts/lib) need no list of their own.
     */
    public static void writeRunFile(Path runDir) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(runDir.resolve(RUN_FILE).toFile(), Map.of("transports", described()));
    }
}
