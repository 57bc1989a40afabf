package io.ipcbench.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.ipcbench.core.PeerMode;

/**
 * Throughput: one op is one message sent; the peer receives and checks each. The primary score is
 * messages/s; the secondary metric {@code bytes} (reported by JMH in "ops/s") is bytes/s. Flow
 * control is the channel's own, and the trial ends by checking that the peer received every message.
 *
 * <p>One message in 64 carries its send stamp (the others stamp 0: timing every one slowed the
 * fastest streams 2–3×), and the peer times it from there to its arrival: the one-way latency of a
 * stream at full speed, queueing included, as {@code oneway.p50} … {@code oneway.max} with
 * {@code oneway.count} the messages timed (the latency profiler, after each iteration).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 800, timeUnit = TimeUnit.MILLISECONDS)
public class StreamBenchmark extends PairBenchmark {

    /** Bytes moved, as a rate: JMH divides the counter by the iteration time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Override
    protected PeerMode peerMode() {
        return PeerMode.SINK;
    }

    @Benchmark
    public void stream(Traffic traffic) {
        exchange.send();
        traffic.bytes += payloadBytes;
    }
}
