package io.ipcbench.nativeio;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A small block of native memory for call arguments (struct sembuf, timespec, sigset_t, mq_attr),
 * allocated once per transport so the hot path allocates nothing. Freed when unreachable, or at
 * once by {@link #close()} where a larger block should not wait for the garbage collector.
 */
public final class NativeMemory implements AutoCloseable {
    private final Memory memory;
    private final long address;

    public NativeMemory(long size) {
        this.memory = new Memory(size);
        memory.clear();
        this.address = Pointer.nativeValue(memory);
    }

    public long address() {
        return address;
    }

    public void putLong(long offset, long value) {
        memory.setLong(offset, value);
    }

    public long getLong(long offset) {
        return memory.getLong(offset);
    }

    public int getInt(long offset) {
        return memory.getInt(offset);
    }

    public void putInt(long offset, int value) {
        memory.setInt(offset, value);
    }

    public byte getByte(long offset) {
        return memory.getByte(offset);
    }

    public void putByte(long offset, byte value) {
        memory.setByte(offset, value);
    }

    public void putShort(long offset, short value) {
        memory.setShort(offset, value);
    }

    public int getUnsignedShort(long offset) {
        return memory.getShort(offset) & 0xffff;
    }

    public void write(long offset, byte[] bytes, int from, int count) {
        memory.write(offset, bytes, from, count);
    }

    public void read(long offset, byte[] bytes, int from, int count) {
        memory.read(offset, bytes, from, count);
    }

    /** Frees the memory now; no address taken from it may be used afterwards. */
    @Override
    public void close() {
        memory.close();
    }
}
