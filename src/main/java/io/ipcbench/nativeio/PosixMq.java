package io.ipcbench.nativeio;

import com.sun.jna.LastErrorException;

/** POSIX message queues (mq_overview(7)); queues are created 0600 with O_EXCL. */
public final class PosixMq {
    /** Every queue the suite names starts with this, so a stale name can be told from anyone else's. */
    public static final String NAME_PREFIX = "/ipc-bench-";
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int ATTR_SIZE = 8 * Long.BYTES;
    private static final int ATTR_MAXMSG = 8;
    private static final int ATTR_MSGSIZE = 16;

    private PosixMq() {
    }

    /** Creates a queue that holds {@code maxMessages} messages of up to {@code messageSize} bytes. */
    public static int create(String name, long maxMessages, long messageSize) {
        NativeMemory attr = new NativeMemory(ATTR_SIZE);
        attr.putLong(ATTR_MAXMSG, maxMessages);
        attr.putLong(ATTR_MSGSIZE, messageSize);
        try {
            return LibC.mq_open(name, Sys.O_RDWR | O_CREAT | O_EXCL | Sys.O_CLOEXEC, SysV.OWNER_ONLY, attr.address());
        } catch (LastErrorException e) {
            throw NativeException.of("mq_open", name + " (" + maxMessages + " x " + messageSize + " bytes)", e)
                    .withHint(LimitHint.mqOpen(e.getErrorCode(), maxMessages, messageSize, LimitHint.MqState.read()));
        }
    }

    public static int open(String name) {
        try {
            return LibC.mq_open(name, Sys.O_RDWR | Sys.O_CLOEXEC, 0, 0);
        } catch (LastErrorException e) {
            throw NativeException.of("mq_open", name, e);
        }
    }

    /** The queue's message size (mq_getattr). */
    public static long messageSize(int mqd) {
        return attributes(mqd).getLong(ATTR_MSGSIZE);
    }

    /** The messages the queue holds at most (mq_getattr's mq_maxmsg). */
    public static long depth(int mqd) {
        return attributes(mqd).getLong(ATTR_MAXMSG);
    }

    private static NativeMemory attributes(int mqd) {
        NativeMemory attr = new NativeMemory(ATTR_SIZE);
        try {
            LibC.mq_getattr(mqd, attr.address());
        } catch (LastErrorException e) {
            throw NativeException.of("mq_getattr", "mqd " + mqd, e);
        }
        return attr;
    }

    /** Sends; returns false if the absolute CLOCK_REALTIME deadline passed first. */
    public static boolean send(int mqd, long message, long size, long deadline) {
        long sent;
        do {
            sent = Errors.expecting(LibC.mq_timedsend(mqd, message, size, 0, deadline), Errno.ETIMEDOUT, 0, "mq_timedsend",
                    "mqd %d, %d bytes", mqd, size);
        } while (sent == Errors.INTERRUPTED);
        return sent >= 0;
    }

    /**
     * mq_send on a descriptor made non-blocking ({@link Sys#setNonBlocking}), for a side that polls:
     * false when the queue is full. Errno is read by {@link Errors} only then, so that polling
     * allocates nothing.
     */
    public static boolean sendNow(int mqd, long message, long size) {
        long sent;
        do {
            sent = Errors.checkNow(LibC.mq_timedsend(mqd, message, size, 0, 0), "mq_timedsend", "mqd %d, %d bytes", mqd, size);
        } while (sent == Errors.INTERRUPTED);
        return sent != Errors.AGAIN;
    }

    /** mq_receive on a non-blocking descriptor: the message's size, or -1 when the queue is empty; allocates nothing then. */
    public static long receiveNow(int mqd, long buffer, long capacity) {
        long size;
        do {
            size = Errors.checkNow(LibC.mq_timedreceive(mqd, buffer, capacity, 0, 0), "mq_timedreceive", "mqd %d", mqd, 0);
        } while (size == Errors.INTERRUPTED);
        return size == Errors.AGAIN ? -1 : size;
    }

    /** Receives into a buffer of {@code capacity} (≥ the queue's message size); -1 if the deadline passed. */
    public static long receive(int mqd, long buffer, long capacity, long deadline) {
        long size;
        do {
            size = Errors.expecting(LibC.mq_timedreceive(mqd, buffer, capacity, 0, deadline), Errno.ETIMEDOUT, 0, "mq_timedreceive",
                    "mqd %d", mqd, 0);
        } while (size == Errors.INTERRUPTED);
        return size < 0 ? -1 : size;
    }

    public static void close(int mqd) {
        try {
            LibC.mq_close(mqd);
        } catch (LastErrorException e) {
            throw NativeException.of("mq_close", "mqd " + mqd, e);
        }
    }

    /**
     * Whether a queue of that name exists: opened read-only and closed again. A name that exists but
     * cannot be opened (another user's, or no descriptors left) counts as existing.
     */
    public static boolean exists(String name) {
        int mqd;
        try {
            mqd = LibC.mq_open(name, Sys.O_RDONLY | Sys.O_CLOEXEC, 0, 0);
        } catch (LastErrorException e) {
            return e.getErrorCode() != Errno.ENOENT;
        }
        close(mqd);
        return true;
    }

    /** Removes the name if it exists; true if it did. */
    public static boolean unlinkIfPresent(String name) {
        try {
            LibC.mq_unlink(name);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.ENOENT) {
                return false;
            }
            throw NativeException.of("mq_unlink", name, e);
        }
    }

    /** Removes the name; the queue lives on until the last close. Already gone is fine. */
    public static void unlink(String name) {
        try {
            LibC.mq_unlink(name);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Errno.ENOENT) {
                throw NativeException.of("mq_unlink", name, e);
            }
        }
    }
}
