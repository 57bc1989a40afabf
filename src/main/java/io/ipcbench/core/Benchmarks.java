package io.ipcbench.core;

import java.util.List;

/**
 * The suite's JMH benchmarks as their results name them: which is the round trip and which the
 * stream, the mode each runs in, and the params they take. The one place the reports (and the
 * histogram logs) learn these, rather than matching method names as strings; the benchmarks
 * themselves live in {@code src/jmh}, which the reports cannot see, and {@code BenchmarksTest}
 * keeps this table in step with them.
 */
public enum Benchmarks {
    /** {@code RoundTripBenchmark.roundTrip}: one message there and back, time per round trip. */
    ROUND_TRIP("RoundTripBenchmark", "roundTrip", PeerMode.ECHO, Benchmarks.AVERAGE_TIME),
    /** {@code StreamBenchmark.stream}: messages one way, messages per second. */
    STREAM("StreamBenchmark", "stream", PeerMode.SINK, Benchmarks.THROUGHPUT),
    /**
     * {@code LoadBenchmark.load}: messages sent on a fixed schedule ({@code -p rate=}), each timed
     * from its slot, round trips or one way ({@code -p direction=}); messages per second achieved. Runs only when asked for (see {@link #onRequestOnly}).
     */
    LOAD("LoadBenchmark", "load", PeerMode.ECHO, Benchmarks.THROUGHPUT);

    /** The package of the benchmark classes in {@code src/jmh}: JMH names a benchmark by it. */
    public static final String PACKAGE = "io.ipcbench.bench";
    /** JMH's label of average-time mode, in which the round trip runs. */
    public static final String AVERAGE_TIME = "avgt";
    /** JMH's label of throughput mode, in which the stream runs. */
    public static final String THROUGHPUT = "thrpt";
    /** JMH's label of sample-time mode, in which older result sets measured the round trip. */
    public static final String SAMPLE_TIME = "sample";

    /** The {@code -p transport=} param: a registered mechanism's name. */
    public static final String TRANSPORT = "transport";
    /** The {@code -p payload=} param: bytes per message. */
    public static final String PAYLOAD = "payload";
    /** The {@code -p placement=} param: where the two processes run. */
    public static final String PLACEMENT = "placement";
    /** The {@code -p wait=} param: how both sides wait for data or room ({@link WaitMode}). */
    public static final String WAIT = "wait";
    /** The {@code -p capacity=} param: the bytes each direction of the channel holds ({@link Capacity}). */
    public static final String CAPACITY = "capacity";
    /** The {@code -p rate=} param of the load benchmark: messages offered per second, or {@code max}. */
    public static final String RATE = "rate";
    /** The {@code -p direction=} param of the load benchmark: round trips or one-way messages ({@link LoadDirection}). */
    public static final String DIRECTION = "direction";
    /** The params every benchmark takes. */
    public static final List<String> PAIR_PARAMS = List.of(TRANSPORT, PAYLOAD, PLACEMENT, WAIT, CAPACITY);
    /** Every param of any benchmark, in the order histogram log names list them. */
    public static final List<String> PARAMS = List.of(TRANSPORT, PAYLOAD, PLACEMENT, WAIT, CAPACITY, RATE, DIRECTION);

    private final String className;
    private final String method;
    private final PeerMode peerMode;
    private final String mode;

    Benchmarks(String className, String method, PeerMode peerMode, String mode) {
        this.className = className;
        this.method = method;
        this.peerMode = peerMode;
        this.mode = mode;
    }

    /** The benchmark class's simple name, e.g. {@code RoundTripBenchmark}. */
    public String className() {
        return className;
    }

    /** {@code Class.method}, as the reports name rows. */
    public String shortName() {
        return className + "." + method;
    }

    /** The name JMH gives the benchmark, which its regexps are matched against. */
    public String fullName() {
        return PACKAGE + "." + shortName();
    }

    /** What the peer does in this benchmark (the load benchmark's at its default direction, round trips). */
    public PeerMode peerMode() {
        return peerMode;
    }

    /** JMH's label of the mode this benchmark runs in now ({@code avgt}, {@code thrpt}). */
    public String mode() {
        return mode;
    }

    /** The params this benchmark takes. */
    public List<String> params() {
        return this == LOAD ? PARAMS : PAIR_PARAMS;
    }

    /**
     * True for a benchmark that a run includes only when a benchmark regexp selects it (or the
     * {@code load} profile does): the load sweep is long, and the default and quick runs keep their
     * budgets without it.
     */
    public boolean onRequestOnly() {
        return this == LOAD;
    }

    /**
     * True when one of JMH's benchmark regexps (as JMH applies them: found anywhere in the name)
     * selects the benchmark of this full name; none given selects nothing explicitly.
     */
    public static boolean selectedExplicitly(List<String> includes, String fullName) {
        return includes.stream().anyMatch(regexp -> java.util.regex.Pattern.compile(regexp).matcher(fullName).find());
    }

    /** True for this benchmark's name, short ({@code Class.method}) or with its package. */
    public boolean is(String benchmark) {
        return benchmark.equals(shortName()) || benchmark.endsWith("." + shortName());
    }
}
