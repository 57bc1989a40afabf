package io.ipcbench.library;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * One direction of {@code agrona-ring}: an Agrona {@link OneToOneRingBuffer} over a file both
 * processes map. The initiator creates the file 0600 and zero-filled (an empty ring); the peer maps
 * the same file. Unmapped on close, by the thread that used it.
 */
final class MappedRing implements AutoCloseable {
    private final MappedByteBuffer mapping;
    private final OneToOneRingBuffer ring;

    private MappedRing(MappedByteBuffer mapping) {
        this.mapping = mapping;
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(mapping));
    }

    static MappedRing create(Path file, int capacity) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(capacity + (long) RingBufferDescriptor.TRAILER_LENGTH);
        }
        return open(file);
    }

    static MappedRing open(Path file) {
        return new MappedRing(IoUtil.mapExistingFile(file.toFile(), "agrona-ring " + file.getFileName()));
    }

    OneToOneRingBuffer ring() {
        return ring;
    }

    @Override
    public void close() {
        IoUtil.unmap(mapping);
    }
}
