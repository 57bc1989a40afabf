package io.ipcbench.shm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ipcbench.core.Message;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.testing.NoLeftovers;
import io.ipcbench.transport.PeerHandle;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.transport.Workspace;

/**
 * The sleeping wake-ups lose no wake-up: both sides of a real segment, in two threads of this JVM
 * (a futex, a signal aimed at a thread and an eventfd handed over a socket work between threads as
 * between processes), exchange many round trips — where each side sleeps for every message — and a
 * stream that fills the ring, so the writer sleeps for space too. A sleep that ran out while its
 * message or slot was already there is a lost wake-up, which would only slow the exchange by a
 * slice and which no other test would notice: each side checks after every message that it has
 * had none, so a broken protocol fails at its first.
 */
@ExtendWith(NoLeftovers.class)
class AnnouncedWakeUpTest {
    private static final int PAYLOAD = 64;
    private static final int ROUND_TRIPS = 20_000;
    private static final int STREAMED = 200_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shm-signal", "shm-futex", "shm-eventfd", "memfd-ring", "io-uring"})
    void noSleepOutlastsItsWakeUp(String transport) throws Exception {
        TransportKind kind = TransportRegistry.kind(transport);
        ExecutorService peerThread = Executors.newSingleThreadExecutor(daemon -> {
            Thread thread = new Thread(daemon, "peer side");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<Transport> peerSide = new AtomicReference<>();
        try (Workspace workspace = Workspace.create(); Rendezvous rendezvous = kind.prepare(workspace, PAYLOAD)) {
            Future<?> peer = peerThread.submit(() -> {
                try (Transport attached = kind.attach(rendezvous.address(), PAYLOAD)) {
                    peerSide.set(attached);
                    echoThenSink(attached);
                } catch (Throwable e) {
                    rendezvous.abort(); // ends the initiator's waits, as the watchdog would for a dead peer
                    throw e;
                }
                return null;
            });
            try (Transport initiator = rendezvous.accept(thisProcess())) {
                Message message = new Message(PAYLOAD);
                for (long i = 0; i < ROUND_TRIPS; i++) {
                    message.stamp(i, PAYLOAD);
                    initiator.send(message, PAYLOAD);
                    initiator.receive(message, PAYLOAD);
                    message.verify(i, PAYLOAD, transport + " echo");
                    noneMissed(initiator, "initiator", i);
                }
                for (long i = 0; i < STREAMED; i++) {
                    message.stamp(i, PAYLOAD);
                    initiator.send(message, PAYLOAD);
                    noneMissed(initiator, "initiator", ROUND_TRIPS + i);
                }
                peer.get();
                assertThat(initiator.lostWakeUps()).as("both sides' lost wake-ups, as the initiator reads them in the segment").isZero();
            } finally {
                Transport attached = peerSide.get();
                if (attached != null) {
                    attached.peerGone(); // a failed initiator must not leave the peer side waiting
                }
            }
        } finally {
            peerThread.shutdownNow();
        }
    }

    /** What the report's wakeup.lost reads: a side's lost wake-up counted in the segment, where the other side sees it. */
    @Test
    void aLostWakeUpIsSeenFromBothSides() {
        Segment segment = Segment.create(SegmentLayout.forMessages(PAYLOAD));
        try {
            Ring readerSide = new Ring(segment, SegmentLayout.TO_PEER);
            Ring writerSide = new Ring(segment, SegmentLayout.TO_PEER);
            readerSide.countLostWakeUp(true);
            writerSide.countLostWakeUp(false);
            writerSide.countLostWakeUp(false);
            assertThat(readerSide.lostWakeUps()).isEqualTo(3);
            assertThat(writerSide.lostWakeUps()).isEqualTo(3);
            assertThat(new Ring(segment, SegmentLayout.TO_INITIATOR).lostWakeUps()).as("the other ring's").isZero();
        } finally {
            segment.markRemoved();
            segment.close();
        }
    }

    /** The peer's side: echoes the round trips, then takes the stream. */
    private static void echoThenSink(Transport peer) throws Exception {
        Message message = new Message(PAYLOAD);
        for (long i = 0; i < ROUND_TRIPS; i++) {
            peer.receive(message, PAYLOAD);
            message.verify(i, PAYLOAD, "echoed");
            peer.send(message, PAYLOAD);
            noneMissed(peer, "peer", i);
        }
        for (long i = 0; i < STREAMED; i++) {
            peer.receive(message, PAYLOAD);
            message.verify(i, PAYLOAD, "streamed");
            noneMissed(peer, "peer", ROUND_TRIPS + i);
        }
    }

    private static void noneMissed(Transport side, String name, long message) {
        assertThat(((ShmTransport) side).missedWakeUps()).as("%s: wake-ups lost by message %d", name, message).isZero();
    }

    private static PeerHandle thisProcess() {
        return new PeerHandle() {
            @Override
            public long pid() {
                return ProcessHandle.current().pid();
            }
        };
    }
}
