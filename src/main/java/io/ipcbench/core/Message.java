package io.ipcbench.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * One off-heap message buffer. A direct {@link ByteBuffer} so NIO channels use it without a copy,
 * with its address for native calls and Chronicle Bytes.
 *
 * <p>The wire format (docs/ARCHITECTURE.md, "Measurement"): every message carries its sequence number in its first and last
 * 8 bytes, so a message needs at least {@link #MIN_LENGTH} bytes. Everything between is payload.
 */
public final class Message {
    public static final int MIN_LENGTH = 2 * Long.BYTES;

    private final ByteBuffer buffer;
    /** A second view for channel I/O, whose position and limit move; {@link #buffer} never changes. */
    private final ByteBuffer io;
    private final long address;

    public Message(int capacity) {
        this.buffer = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
        this.io = buffer.duplicate().order(ByteOrder.nativeOrder());
        this.address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** A view limited to {@code length} bytes from position 0, for channel reads and writes. */
    public ByteBuffer window(int length) {
        return io.limit(length).position(0);
    }

    public long address() {
        return address;
    }

    public void fillRandom(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) random.nextInt(256));
        }
    }

    public void stamp(long sequence, int length) {
        buffer.putLong(0, sequence);
        buffer.putLong(length - Long.BYTES, sequence);
    }

    public long head() {
        return buffer.getLong(0);
    }

    public long tail(int length) {
        return buffer.getLong(length - Long.BYTES);
    }

    /**
     * Checks the sequence number at both ends of a received message.
     *
     * @throws TrialFailure naming {@code what} (transport and direction) on a mismatch
     */
    public void verify(long expected, int length, String what) {
        long head = head();
        long tail = tail(length);
        if (head != expected || tail != expected) {
            throw new TrialFailure(what + ": corrupt or out-of-order message: expected sequence " + expected
                    + " at both ends of " + length + " bytes, found " + head + " at the head and " + tail + " at the tail");
        }
    }
}
