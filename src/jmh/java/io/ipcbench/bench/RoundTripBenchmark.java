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
 * receives and checks all of them and sends {@code payload} bytes back, the initiator receives and
 * checks them. The score is the round-trip time (RTT, not halved); SampleTime gives its percentiles.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
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
