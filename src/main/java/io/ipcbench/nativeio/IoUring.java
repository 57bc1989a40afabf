package io.ipcbench.nativeio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;

/**
 * One io_uring, made and driven with the raw syscalls (io_uring_setup 425, io_uring_enter 426,
 * io_uring_register 427 on x86_64), laid out as the kernel's uapi header
 * {@code include/uapi/linux/io_uring.h} says: {@code struct io_uring_params} (120 bytes) returns
 * the offsets of the submission ring's head, tail, mask and index array and of the completion
 * ring's head, tail, mask and entries, all in one mapping (IORING_FEAT_SINGLE_MMAP); submission
 * entries are 64 bytes in their own mapping, completion entries 16.
 *
 * <p>Only what a wake-up needs: post a completion into another ring ({@link #msgRing},
 * IORING_OP_MSG_RING with IOSQE_CQE_SKIP_SUCCESS, so the poster's own ring receives nothing unless
 * the post failed), wait for a completion with a timeout ({@link #await}, IORING_ENTER_EXT_ARG) and
 * consume what came ({@link #drain}). One thread submits on a ring at a time. The hot path
 * allocates nothing: errno is read by {@link Errors}, only when a call fails.
 *
 * <p>A ring may be made in one process and used in another that was handed its descriptor: that
 * process maps it with the {@link Layout} its maker read from {@code io_uring_params}.
 */
public final class IoUring implements AutoCloseable {
    private static final long SYS_IO_URING_SETUP = Syscall.IO_URING_SETUP.number();
    private static final long SYS_IO_URING_ENTER = Syscall.IO_URING_ENTER.number();
    private static final long SYS_IO_URING_REGISTER = Syscall.IO_URING_REGISTER.number();
    /** The opcode that posts a completion into another ring (kernel 5.18). */
    public static final int IORING_OP_MSG_RING = 40;
    private static final int IORING_MSG_DATA = 0;
    private static final int IOSQE_CQE_SKIP_SUCCESS = 1 << 6;
    private static final int IORING_ENTER_GETEVENTS = 1;
    private static final int IORING_ENTER_EXT_ARG = 1 << 3;
    private static final int IORING_FEAT_SINGLE_MMAP = 1;
    private static final int IORING_FEAT_EXT_ARG = 1 << 8;
    private static final int IORING_FEAT_CQE_SKIP = 1 << 11;
    private static final int IORING_REGISTER_PROBE = 8;
    private static final int IO_URING_OP_SUPPORTED = 1;
    private static final long IORING_OFF_SQES = 0x10000000L;
    private static final int PARAMS_BYTES = 120;
    private static final int SQE_BYTES = 64;
    private static final int CQE_BYTES = 16;
    private static final int GETEVENTS_ARG_BYTES = 24;
    private static final int PROBE_OPS = 256;
    /** The sysctl that disables io_uring: 0 allowed, 1 only for kernel.io_uring_group (and root), 2 for nobody. */
    public static final String DISABLED = "kernel.io_uring_disabled";
    public static final String GROUP = "kernel.io_uring_group";
    /** user_data of our own MSG_RING submissions: a completion with it in our ring is a post that failed. */
    private static final long OWN_POST = 1;

    private static final Map<Integer, String> PROBED = new ConcurrentHashMap<>();

    /**
     * Where the rings are in the ring mapping, as {@code io_uring_params} gave them (byte offsets),
     * and how many entries each has: what a process that did not make the ring needs to map it.
     */
    public record Layout(int sqEntries, int cqEntries, int sqHead, int sqTail, int sqMask, int sqArray, int cqHead, int cqTail,
            int cqMask, int cqes) {
        /** As text without slashes, for a rendezvous address. */
        @Override
        public String toString() {
            return sqEntries + "," + cqEntries + "," + sqHead + "," + sqTail + "," + sqMask + "," + sqArray + "," + cqHead + ","
                    + cqTail + "," + cqMask + "," + cqes;
        }

        public static Layout parse(String text) {
            String[] f = text.split(",");
            if (f.length != 10) {
                throw new IllegalArgumentException("not an io_uring layout: " + text);
            }
            int[] v = new int[10];
            for (int i = 0; i < 10; i++) {
                v[i] = Integer.parseInt(f[i]);
            }
            return new Layout(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
        }

        long ringBytes() {
            return Math.max(sqArray + 4L * sqEntries, cqes + (long) CQE_BYTES * cqEntries);
        }
    }

    private final int fd;
    private final Layout layout;
    private final String what;
    private final long ring;
    private final long sqes;
    private final PointerBytesStore rings;
    private final PointerBytesStore entries;
    private final int sqMask;
    private final int cqMask;
    private final NativeMemory waitArg = new NativeMemory(GETEVENTS_ARG_BYTES + 16);
    private boolean closed;

    private IoUring(int fd, Layout layout, String what) {
        this.fd = fd;
        this.layout = layout;
        this.what = what;
        this.ring = MemFd.map(fd, layout.ringBytes(), 0, what + " rings");
        try {
            this.sqes = MemFd.map(fd, (long) SQE_BYTES * layout.sqEntries(), IORING_OFF_SQES, what + " submission entries");
        } catch (RuntimeException e) {
            MemFd.unmap(ring, layout.ringBytes());
            throw e;
        }
        this.rings = BytesStore.wrap(ring, layout.ringBytes());
        this.entries = BytesStore.wrap(sqes, (long) SQE_BYTES * layout.sqEntries());
        rings.singleThreadedCheckDisabled(true);
        entries.singleThreadedCheckDisabled(true);
        this.sqMask = rings.readInt(layout.sqMask());
        this.cqMask = rings.readInt(layout.cqMask());
        for (int i = 0; i < layout.sqEntries(); i++) {
            rings.writeInt(layout.sqArray() + 4L * i, i); // submission slot i is entry i, always
        }
        // the wait's argument: no signal mask, a pointer to the timespec that follows it
        waitArg.putLong(16, waitArg.address() + GETEVENTS_ARG_BYTES);
    }

    /** A new ring of {@code entries} submission entries (twice as many completion entries), mapped. */
    public static IoUring create(int entries, String what) {
        try (NativeMemory params = new NativeMemory(PARAMS_BYTES)) {
            for (int i = 0; i < PARAMS_BYTES; i += 8) {
                params.putLong(i, 0);
            }
            int fd = setup(entries, params, what);
            int features = params.getInt(20);
            if ((features & IORING_FEAT_SINGLE_MMAP) == 0 || (features & IORING_FEAT_EXT_ARG) == 0
                    || (features & IORING_FEAT_CQE_SKIP) == 0) {
                Sys.close(fd);
                throw new IllegalStateException(what + ": this kernel's io_uring lacks single mmap, EXT_ARG or CQE_SKIP (features 0x"
                        + Integer.toHexString(features) + "); io-uring needs kernel 5.18 or later");
            }
            Layout layout = new Layout(params.getInt(0), params.getInt(4), params.getInt(40), params.getInt(44), params.getInt(48),
                    params.getInt(64), params.getInt(80), params.getInt(84), params.getInt(88), params.getInt(100));
            return adopt(fd, layout, what);
        }
    }

    /** Maps a ring another process made and handed over ({@code fd}), laid out as {@code layout}; closes {@code fd} if that fails. */
    public static IoUring adopt(int fd, Layout layout, String what) {
        try {
            return new IoUring(fd, layout, what);
        } catch (RuntimeException e) {
            Sys.close(fd);
            throw e;
        }
    }

    private static int setup(int entries, NativeMemory params, String what) {
        try {
            return (int) LibC.syscall(SYS_IO_URING_SETUP, entries, params.address(), 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EPERM) {
                throw new IllegalStateException(disabledLine(KernelLimits.read(DISABLED)));
            }
            throw NativeException.of("io_uring_setup", what, e);
        }
    }

    public int fd() {
        return fd;
    }

    public Layout layout() {
        return layout;
    }

    /** Posts a completion (user_data {@code userData}, res 0) into the ring {@code targetFd} through this ring. */
    public void msgRing(int targetFd, long userData) {
        int tail = rings.readInt(layout.sqTail()); // only this thread moves it
        long sqe = (long) (tail & sqMask) * SQE_BYTES;
        entries.writeLong(sqe, 0);
        entries.writeByte(sqe, (byte) IORING_OP_MSG_RING);
        entries.writeByte(sqe + 1, (byte) IOSQE_CQE_SKIP_SUCCESS);
        entries.writeInt(sqe + 4, targetFd);
        entries.writeLong(sqe + 8, userData); // off: the posted completion's user_data
        entries.writeLong(sqe + 16, IORING_MSG_DATA); // addr: the command
        entries.writeLong(sqe + 24, 0); // len (the posted res) and msg_ring_flags
        entries.writeLong(sqe + 32, OWN_POST);
        entries.writeLong(sqe + 40, 0);
        entries.writeLong(sqe + 48, 0);
        entries.writeLong(sqe + 56, 0);
        rings.writeOrderedInt(layout.sqTail(), tail + 1); // release: the kernel reads the entry after it sees the tail
        long submitted;
        do {
            submitted = Errors.checkNow(LibC.syscall(SYS_IO_URING_ENTER, fd, 1, 0, 0, 0, 0), "io_uring_enter(MSG_RING)", what);
        } while (submitted < 0); // interrupted, or EAGAIN: the kernel had no room for it yet
    }

    /**
     * Consumes every completion in this ring and returns how many there were; throws if one is a
     * post of ours that failed (the target ring gone or full).
     */
    public int drain() {
        int head = rings.readInt(layout.cqHead()); // only this thread moves it
        int tail = rings.readVolatileInt(layout.cqTail()); // acquire: the entries before it are written
        for (int i = head; i != tail; i++) {
            long cqe = layout.cqes() + (long) (i & cqMask) * CQE_BYTES;
            if (rings.readLong(cqe) == OWN_POST) {
                int res = rings.readInt(cqe + 8);
                rings.writeOrderedInt(layout.cqHead(), i + 1);
                throw new NativeException("io_uring MSG_RING", what, -res, "the post to the other side's ring failed");
            }
        }
        rings.writeOrderedInt(layout.cqHead(), tail);
        return tail - head;
    }

    /**
     * Sleeps in io_uring_enter until this ring holds a completion or {@code timeoutNanos} passed;
     * false if the time ran out. Returns at once if a completion is already there (undrained).
     */
    public boolean await(long timeoutNanos) {
        waitArg.putLong(GETEVENTS_ARG_BYTES, timeoutNanos / 1_000_000_000L);
        waitArg.putLong(GETEVENTS_ARG_BYTES + 8, timeoutNanos % 1_000_000_000L);
        long waited = Errors.expecting(LibC.syscall(SYS_IO_URING_ENTER, fd, 0, 1, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG,
                waitArg.address(), GETEVENTS_ARG_BYTES), Errno.ETIME, 16 /* EBUSY: overflowed completions to flush */,
                "io_uring_enter(GETEVENTS)", what);
        return waited != -Errno.ETIME; // interrupted or EBUSY: the caller looks at the ring and comes back
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            MemFd.unmap(sqes, (long) SQE_BYTES * layout.sqEntries());
            MemFd.unmap(ring, layout.ringBytes());
            Sys.close(fd);
            waitArg.close();
        }
    }

    /**
     * Why this machine cannot run an io_uring that uses {@code opcode} (named {@code opcodeName},
     * which needs kernel {@code since}), in one line naming the kernel setting or version, or "" if
     * it can: {@value #DISABLED} (read through {@link KernelLimits}, which tests can override), then
     * io_uring_setup itself (EPERM: disabled for this user), then the kernel's own list of
     * supported opcodes (IORING_REGISTER_PROBE). The probe's answer is kept per opcode.
     */
    public static String refusal(int opcode, String opcodeName, String since) {
        String disabled = KernelLimits.read(DISABLED);
        if (disabled.equals("2")) {
            return disabledLine(disabled);
        }
        return PROBED.computeIfAbsent(opcode, op -> probe(op, opcodeName, since));
    }

    private static String disabledLine(String disabled) {
        return switch (disabled) {
            case "2" -> "io_uring is disabled on this machine (" + DISABLED + " = 2); allow it with sysctl -w " + DISABLED + "=0 (as root)";
            case "1" -> "io_uring is disabled for this user (" + DISABLED + " = 1 allows only root and the group " + GROUP + " = "
                    + KernelLimits.read(GROUP) + "); add the user to that group or set " + DISABLED + "=0 (as root)";
            default -> "io_uring_setup was refused (EPERM) although " + DISABLED + " = " + disabled
                    + "; a seccomp profile (containers commonly block io_uring) or an LSM forbids it";
        };
    }

    private static String probe(int opcode, String opcodeName, String since) {
        int fd;
        try (NativeMemory params = new NativeMemory(PARAMS_BYTES)) {
            for (int i = 0; i < PARAMS_BYTES; i += 8) {
                params.putLong(i, 0);
            }
            try {
                fd = (int) LibC.syscall(SYS_IO_URING_SETUP, 1, params.address(), 0);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EPERM) {
                    return disabledLine(KernelLimits.read(DISABLED));
                }
                if (e.getErrorCode() == Errno.ENOSYS) {
                    return "this kernel has no io_uring (io_uring_setup: ENOSYS; built without CONFIG_IO_URING, or too old: " + opcodeName
                            + " needs " + since + ")";
                }
                return "io_uring_setup failed: " + Errno.symbol(e.getErrorCode());
            }
        }
        int bytes = 16 + 8 * PROBE_OPS;
        try (NativeMemory probe = new NativeMemory(bytes)) {
            for (int i = 0; i < bytes; i += 8) {
                probe.putLong(i, 0);
            }
            if (LibC.syscall(SYS_IO_URING_REGISTER, fd, IORING_REGISTER_PROBE, probe.address(), PROBE_OPS) < 0) {
                int errno = Native.getLastError();
                if (errno == Errno.EINVAL || errno == Errno.EOPNOTSUPP) {
                    return "this kernel's io_uring cannot list its opcodes (IORING_REGISTER_PROBE: " + Errno.symbol(errno)
                            + "), so it is older than 5.6 and lacks " + opcodeName + " (" + since + ")";
                }
                return "io_uring_register(IORING_REGISTER_PROBE) failed: " + Errno.symbol(errno);
            }
            int lastOp = probe.getInt(0) & 0xff;
            boolean supported = opcode <= lastOp && opcode < PROBE_OPS
                    && (probe.getInt(16 + 8L * opcode) >>> 16 & IO_URING_OP_SUPPORTED) != 0;
            return supported ? "" : "this kernel (" + System.getProperty("os.version") + ") lacks " + opcodeName + " (opcode " + opcode
                    + ", kernel " + since + "); its io_uring knows opcodes up to " + lastOp;
        } finally {
            Sys.close(fd);
        }
    }
}
