package io.ipcbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageTest {
    @Test
    void sequenceAtBothEndsPassesTheCheck() {
        Message message = new Message(64);
        message.stamp(42, 64);
        assertThatCode(() -> message.verify(42, 64, "test")).doesNotThrowAnyException();
    }

    @Test
    void damagedTailIsReportedWithTheSequence() {
        Message message = new Message(64);
        message.stamp(42, 64);
        message.buffer().put(63, (byte) 0x7f);
        assertThatThrownBy(() -> message.verify(42, 64, "pipe echo"))
                .isInstanceOf(TrialFailure.class)
                .hasMessageContaining("pipe echo")
                .hasMessageContaining("expected sequence 42");
    }

    @Test
    void outOfOrderMessageIsReported() {
        Message message = new Message(16);
        message.stamp(7, 16);
        assertThatThrownBy(() -> message.verify(8, 16, "fifo peer")).hasMessageContaining("found 7 at the head and 7 at the tail");
    }

    /** The smallest message holds both sequences and the send stamp, none over another. */
    @Test
    void theSendStampLeavesBothSequencesIntactInTheSmallestMessage() {
        Message message = new Message(Message.MIN_LENGTH);
        message.stamp(7, Message.MIN_LENGTH);
        message.stampSent(-123_456_789L);
        message.verify(7, Message.MIN_LENGTH, "pipe peer");
        assertThat(message.sentAt()).isEqualTo(-123_456_789L);
        message.stamp(8, Message.MIN_LENGTH);
        assertThat(message.sentAt()).isEqualTo(-123_456_789L);
    }

    @Test
    void aWindowDoesNotNarrowTheBuffer() {
        Message message = new Message(64);
        assertThat(message.window(16).remaining()).isEqualTo(16);
        message.stamp(1, 64);
        assertThat(message.tail(64)).isEqualTo(1);
    }

    /** sysv-mq puts its mtype in the 8 bytes before a chunk: the headroom is the message's own, and the data stays aligned. */
    @Test
    void theHeadroomIsWritableAndKeepsTheDataAligned() {
        Message message = new Message(64);
        message.stamp(5, 64);
        net.openhft.chronicle.core.UnsafeMemory.MEMORY.writeLong(message.address() - Long.BYTES, 1L);
        assertThat(message.head()).isEqualTo(5);
        assertThat(message.capacity()).isEqualTo(64);
        assertThat(message.address() % 16).as("malloc's 16-byte alignment, kept past the headroom").isZero();
    }
}
