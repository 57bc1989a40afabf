package io.ipcbench.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ipcbench.ab.BenchRow;
import io.ipcbench.core.Capacity;
import io.ipcbench.core.PeerMode;
import io.ipcbench.nativeio.KernelLimits;

/**
 * The -p capacity= axis as the registry resolves it: which mechanisms size their buffers and which
 * refuse in one line that says why, how the queues cut messages to fit a capacity, and that a
 * row with each mechanism's own buffers keeps the identity it had before the axis.
 */
class CapacityAxisTest {
    private static final List<String> SIZED = List.of("pipe", "fifo", "uds", "tcp", "sysv-mq", "posix-mq", "shm-signal", "shm-sem",
            "shm-spin", "shm-futex", "shm-eventfd", "vmsplice", "memfd-ring", "io-uring");

    /** As a user with CAP_SYS_RESOURCE sees it, whom fs.pipe-max-size, kernel.msgmnb and fs.mqueue.msg_max do not bind. */
    @Test
    void everyKernelChannelAndRingSizesItsBuffersAndTheOthersSayWhyNot() {
        try (var privileged = KernelLimits.override(KernelLimits.CAP_SYS_RESOURCE_KEY, "true")) {
            everyMechanismSizesOrSaysWhyNot();
        }
    }

    private static void everyMechanismSizesOrSaysWhyNot() {
        Capacity asked = new Capacity(65536);
        for (String transport : TransportRegistry.names()) {
            TrialSpec spec;
            if (SIZED.contains(transport)) {
                spec = TrialSpec.parse(transport, "64", "cross-core", PeerMode.ECHO, "default", "65536");
                assertThat(spec.kind().capacity()).as(transport).isEqualTo(asked);
                assertThat(spec.kind().waitMode()).as(transport).isEqualTo(TransportRegistry.kind(transport).waitMode());
                assertThat(spec.toString()).as(transport).endsWith(" capacity=65536");
                continue;
            }
            assertThatThrownBy(() -> TrialSpec.parse(transport, "64", "cross-core", PeerMode.ECHO, "default", "65536")).as(transport)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(transport + " cannot run capacity=65536: ")
                    .hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> TrialSpec.parse("uds-jdk", "64", "cross-core", PeerMode.ECHO, "default", "65536"))
                .hasMessageEndingWith("the socket with sized buffers is -p transport=uds -p capacity=65536");
        assertThatThrownBy(() -> TrialSpec.parse("tcp", "64", "cross-core", PeerMode.ECHO, "spin", "16384"))
                .hasMessageStartingWith("tcp cannot run capacity=16384: below 65536 bytes").hasMessageNotContaining("\n");
        assertThat(TrialSpec.parse("pipe", "64", "cross-core", PeerMode.ECHO, "spin", "65536").kind().waitMode().label())
                .as("the wait survives the capacity").isEqualTo("spin");
    }

    /**
     * Without CAP_SYS_RESOURCE the kernel's limits bind (as for a root in a container here): a
     * capacity beyond one is refused before the trial, in one line naming the limit and the
     * sysctl that raises it, and a capacity within it runs.
     */
    @Test
    void aCapacityBeyondAKernelLimitIsRefusedNamingTheLimit() {
        try (var unprivileged = KernelLimits.override(KernelLimits.CAP_SYS_RESOURCE_KEY, "false");
                var msgmnb = KernelLimits.override(KernelLimits.MSGMNB, "16384");
                var msgMax = KernelLimits.override(KernelLimits.MQ_MSG_MAX, "10");
                var msgsizeMax = KernelLimits.override(KernelLimits.MQ_MSGSIZE_MAX, "8192");
                var pipeMax = KernelLimits.override(KernelLimits.PIPE_MAX_SIZE, "1048576")) {
            assertThatThrownBy(() -> TrialSpec.parse("sysv-mq", "64", "cross-core", PeerMode.ECHO, "default", "65536"))
                    .hasMessage("sysv-mq cannot run capacity=65536: kernel.msgmnb = 16384 caps a queue's bytes for a user without"
                            + " CAP_SYS_RESOURCE; raise it (sysctl -w kernel.msgmnb=65536) or ask for 16384 or less");
            assertThatThrownBy(() -> TrialSpec.parse("posix-mq", "64", "cross-core", PeerMode.ECHO, "default", "65536"))
                    .hasMessage("posix-mq cannot run capacity=65536 with payload 64: it needs queues of 1024 messages of 64 bytes, and"
                            + " fs.mqueue.msg_max = 10 for a user without CAP_SYS_RESOURCE; raise it (sysctl -w fs.mqueue.msg_max=1024),"
                            + " or ask for 640 bytes or less");
            for (String pipe : List.of("pipe", "fifo")) {
                assertThatThrownBy(() -> TrialSpec.parse(pipe, "64", "cross-core", PeerMode.ECHO, "default", "2097152"))
                        .hasMessageStartingWith(pipe + " cannot run capacity=2097152: fs.pipe-max-size = 1048576 caps a pipe");
                assertThat(TrialSpec.parse(pipe, "64", "cross-core", PeerMode.ECHO, "default", "1048576").capacity().bytes())
                        .isEqualTo(1048576);
            }
            assertThat(TrialSpec.parse("sysv-mq", "1048576", "cross-core", PeerMode.ECHO, "default", "16384").kind().chunkSize(1048576))
                    .isEqualTo(8192);
            assertThat(TrialSpec.parse("posix-mq", "65536", "cross-core", PeerMode.ECHO, "default", "65536").kind().capacity().bytes())
                    .as("8 messages of 8 KiB").isEqualTo(65536);
        }
    }

    @Test
    void theQueuesCutMessagesSoThatOneFitsTheCapacity() {
        long msgmax = KernelLimits.readLong(KernelLimits.MSGMAX, 8192);
        long mqMax = KernelLimits.readLong(KernelLimits.MQ_MSGSIZE_MAX, 8192);
        int payload = 1 << 20;
        assertThat(TransportRegistry.kind("sysv-mq").holding(new Capacity(4096)).chunkSize(payload)).isEqualTo(Math.min(4096, msgmax));
        assertThat(TransportRegistry.kind("posix-mq").holding(new Capacity(4096)).chunkSize(payload)).isEqualTo(Math.min(4096, mqMax));
        assertThat(TransportRegistry.kind("sysv-mq").holding(new Capacity(1 << 20)).chunkSize(payload)).isEqualTo(msgmax);
        assertThat(TransportRegistry.kind("posix-mq").holding(Capacity.DEFAULT).chunkSize(64)).isEqualTo(64);
    }

    @Test
    void theMechanismsOwnBuffersGoUnsaidInARowsIdentityAndItsForkArguments() {
        assertThat(TransportRegistry.rowIdentity(Map.of("transport", "pipe", "payload", "64", "wait", "default", "capacity", "default")))
                .isEqualTo(Map.of("transport", "pipe", "payload", "64"));
        assertThat(TransportRegistry.rowIdentity(Map.of("transport", "pipe", "payload", "64", "capacity", "65536")))
                .isEqualTo(Map.of("transport", "pipe", "payload", "64", "capacity", "65536"));
        // the load benchmark's round trips are its rows from before the direction param; one way is another row
        assertThat(TransportRegistry.rowIdentity(Map.of("transport", "pipe", "rate", "1000", "direction", "roundtrip")))
                .isEqualTo(Map.of("transport", "pipe", "rate", "1000"));
        assertThat(TransportRegistry.rowIdentity(Map.of("transport", "pipe", "rate", "1000", "direction", "oneway")))
                .isEqualTo(Map.of("transport", "pipe", "rate", "1000", "direction", "oneway"));
        BenchRow row = new BenchRow("io.ipcbench.bench.RoundTripBenchmark.roundTrip", "avgt",
                new java.util.TreeMap<>(Map.of("transport", "pipe", "payload", "64", "capacity", "default")));
        assertThat(row.jmhArgs()).doesNotContain("capacity=default").contains("transport=pipe");
    }
}
