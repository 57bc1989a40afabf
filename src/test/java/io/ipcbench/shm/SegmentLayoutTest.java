package io.ipcbench.shm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.ipcbench.core.Capacity;

import io.ipcbench.registry.TrialSpec;
import io.ipcbench.registry.TransportRegistry;

/**
 * The segment's size does not follow the payload: a message up to a slot's size has a slot of its
 * own, a larger one travels in slot-sized chunks, and the segment stays two small rings. (A 1 GiB
 * payload once asked for a 4 GiB segment, whose first touch outlasted the peer's silence limit.)
 */
class SegmentLayoutTest {
    private static final long MOST_BYTES = 5L * SegmentLayout.LINE + 2 * SegmentLayout.RING_BYTES;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 16, 64, 65, 4096, 65536, 1 << 20, (1 << 20) + 1, SegmentLayout.MAX_SLOT_SIZE})
    void aMessageUpToTheLargestSlotHasASlotOfItsOwn(int payload) {
        SegmentLayout layout = SegmentLayout.forMessages(payload);
        assertThat(layout.slotSize()).isGreaterThanOrEqualTo(payload).isLessThan(payload + SegmentLayout.SLOT_ALIGNMENT);
        assertThat(layout.slotSize() % SegmentLayout.SLOT_ALIGNMENT).isZero();
        assertThat(layout.slots()).isBetween(SegmentLayout.MIN_SLOTS, SegmentLayout.MAX_SLOTS);
        assertThat(layout.size()).isLessThanOrEqualTo(MOST_BYTES);
        assertThat(TransportRegistry.kind("shm-sem").chunkSize(payload)).isEqualTo(payload);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {SegmentLayout.MAX_SLOT_SIZE + 1, 5 << 20, 256 << 20, 512 << 20, (int) TrialSpec.MAX_PAYLOAD})
    void aLargerMessageTravelsInChunksThroughRingsOfTheSameSize(int payload) {
        SegmentLayout layout = SegmentLayout.forMessages(payload);
        assertThat(layout.slotSize()).isEqualTo(SegmentLayout.MAX_SLOT_SIZE);
        assertThat(layout.slots()).isEqualTo(SegmentLayout.MIN_SLOTS); // one being filled while the other drains
        assertThat(layout.size()).isLessThanOrEqualTo(MOST_BYTES);
        for (String transport : TransportRegistry.names().stream().filter(name -> name.startsWith("shm-")).toList()) {
            assertThat(TransportRegistry.kind(transport).chunkSize(payload)).as(transport).isEqualTo(SegmentLayout.MAX_SLOT_SIZE);
        }
    }

    /** -p capacity=: each ring holds the bytes asked (in whole slots), however small the message or large the ring. */
    @ParameterizedTest(name = "{0} bytes in a ring of {1}")
    @CsvSource({"64, 4096, 64, 64", "64, 65536, 64, 1024", "64, 1048576, 64, 16384", "1048576, 65536, 32768, 2",
        "65536, 4096, 2048, 2", "100, 65536, 128, 512", "64, 1073741824, 64, 32767", "1048576, 1073741824, 1048576, 1024"})
    void aSizedRingHoldsTheCapacityInSlotsOfTheMessage(int payload, long capacity, int slotSize, int slots) {
        SegmentLayout layout = SegmentLayout.forMessages(payload, new Capacity(capacity));
        assertThat(layout.slotSize()).isEqualTo(slotSize);
        assertThat(layout.slots()).isEqualTo(slots);
        assertThat(layout.ringBytes()).isLessThanOrEqualTo(capacity);
        assertThat(TransportRegistry.kind("shm-futex").holding(new Capacity(capacity)).chunkSize(payload)).isEqualTo(Math.min(payload, slotSize));
        assertThat(SegmentLayout.forMessages(payload, Capacity.DEFAULT).sameAs(SegmentLayout.forMessages(payload))).isTrue();
    }
}
