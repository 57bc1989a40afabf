package io.ipcbench.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import io.ipcbench.core.PeerMode;

/**
 * Latency: one op is a full round trip. The initiator sends {@code payload} bytes, the peer
 * receives them and checks the sequence number at both ends, and sends {@code payload} bytes back;
 * the initiator receives and checks them. The score is the mean round-trip time (RTT, not halved):
 * total time ÷ round trips. Every round trip is also timed into an HdrHistogram, whose percentiles
 * ({@code rtt.p50} … {@code rtt.max}, with {@code rtt.count} behind them) the latency profiler adds
 * per iteration; JMH's SampleTime would time only a thinned sample of them.
 *
 * <p>Three forks, because JVMs differ more than iterations of one JVM do: the forks are the
 * samples of the report's intervals.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 800, timeUnit = TimeUnit.MILLISECONDS)
public class RoundTripBenchmark extends PairBenchmark {

    @Override
    protected PeerMode peerMode() {
        return PeerMode.ECHO;
    }

    @Benchmark
    public void roundTrip() {
        exchange.roundTrip();
    }
}
