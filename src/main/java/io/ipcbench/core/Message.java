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
 * <p>The wire format (docs/measurement.md, "Wire format"): every message carries its sequence number in its first
 * and last 8 bytes, and the 8 bytes after the first hold its send stamp ({@link #STAMP_OFFSET}: the
 * sender's {@link System#nanoTime()} in a one-way message, from which its receiver times it), so a
 * message needs at least {@link #MIN_LENGTH} bytes. Everything between is payload.
 */
public final class Message {
    /** Where the send stamp is: right after the head's sequence number, clear of the tail's in the smallest message. */
    public static final int STAMP_OFFSET = Long.BYTES;
    /** Head sequence, send stamp, tail sequence. */
    public static final int MIN_LENGTH = 3 * Long.BYTES;
    /**
     * Bytes of native memory before {@link #address()} that belong to no message: room for a header
     * that a call wants in front of the data (System V's 8-byte mtype), so the data need not be
     * copied behind one. A cache line, so that the message itself keeps the allocation's alignment.
     */
    public static final int HEADROOM = 64;

    private final ByteBuffer buffer;
    /** A second view for channel I/O, whose position and limit move; {@link #buffer} never changes. */
    private final ByteBuffer io;
    private final long address;

    public Message(int capacity) {
        this(ByteBuffer.allocateDirect(HEADROOM + capacity));
    }

    /**
     * A message in memory the caller owns (and frees after the message's last use): a direct
     * buffer whose first {@link #HEADROOM} bytes are the headroom, the rest the message
     * ({@code cma:split}'s buffers on huge pages, made by its transport).
     */
    public Message(ByteBuffer memory) {
        this.buffer = memory.slice(HEADROOM, memory.capacity() - HEADROOM).order(ByteOrder.nativeOrder());
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

    /** The first byte of the message; {@link #HEADROOM} bytes before it are free for a call's header. */
    public long address() {
        return address;
    }

    public int capacity() {
        return buffer.capacity();
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

    /** Writes the send stamp: the {@link System#nanoTime()} from which the receiver times this message. */
    public void stampSent(long nanos) {
        buffer.putLong(STAMP_OFFSET, nanos);
    }

    /** The send stamp of a received one-way message. */
    public long sentAt() {
        return buffer.getLong(STAMP_OFFSET);
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
