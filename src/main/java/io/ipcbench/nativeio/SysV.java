package io.ipcbench.nativeio;

import com.sun.jna.LastErrorException;

/**
 * System V shared memory, semaphores and message queues. Every object is created IPC_PRIVATE with
 * mode 0600 (never the tutorial's 0664). A failure names the call, errno and object and, where a
 * kernel limit is the likely cause, the limit and its current value.
 */
public final class SysV {
    public static final int IPC_PRIVATE = 0;
    public static final int IPC_CREAT = 01000;
    public static final int IPC_EXCL = 02000;
    public static final int IPC_NOWAIT = 04000;
    public static final int IPC_RMID = 0;
    public static final int IPC_STAT = 2;
    private static final int IPC_SET = 1;
    /** msg_qbytes in struct msqid_ds (x86_64): after the 48-byte ipc_perm and five 8-byte fields. */
    private static final int MSG_QBYTES_OFFSET = 88;
    public static final int SEM_UNDO = 0x1000;
    public static final int GETVAL = 12;
    public static final int SETVAL = 16;
    public static final int OWNER_ONLY = 0600;
    /** Offset of {@code mode} in {@code struct ipc_perm}, which starts every *id_ds struct (x86_64). */
    private static final int IPC_PERM_MODE_OFFSET = 20;
    private static final int ID_DS_SIZE = 256;

    private SysV() {
    }

    // ---- shared memory

    public static int shmCreate(long size) {
        try {
            return LibC.shmget(IPC_PRIVATE, size, IPC_CREAT | IPC_EXCL | OWNER_ONLY);
        } catch (LastErrorException e) {
            throw NativeException.of("shmget", size + " bytes", e)
                    .withHint(LimitHint.shmget(e.getErrorCode(), size, LimitHint.ShmState.read()));
        }
    }

    public static long shmAttach(int shmid) {
        try {
            return LibC.shmat(shmid, 0, 0);
        } catch (LastErrorException e) {
            throw NativeException.of("shmat", "shmid " + shmid, e);
        }
    }

    public static void shmDetach(long address) {
        try {
            LibC.shmdt(address);
        } catch (LastErrorException e) {
            throw NativeException.of("shmdt", "address 0x" + Long.toHexString(address), e);
        }
    }

    /** Marks the segment for removal; the kernel frees it at the last detach. Already gone is fine. */
    public static void shmRemove(int shmid) {
        try {
            LibC.shmctl(shmid, IPC_RMID, 0);
        } catch (LastErrorException e) {
            ignoreIfGone(NativeException.of("shmctl(IPC_RMID)", "shmid " + shmid, e));
        }
    }

    // ---- semaphores

    public static int semCreate(int count) {
        try {
            return LibC.semget(IPC_PRIVATE, count, IPC_CREAT | IPC_EXCL | OWNER_ONLY);
        } catch (LastErrorException e) {
            throw NativeException.of("semget", count + " semaphores", e).withHint(KernelLimits.quote(KernelLimits.SEM));
        }
    }

    public static void semSet(int semid, int index, int value) {
        try {
            LibC.semctl(semid, index, SETVAL, value);
        } catch (LastErrorException e) {
            throw NativeException.of("semctl(SETVAL)", "semid " + semid + " #" + index, e);
        }
    }

    public static int semGet(int semid, int index) {
        try {
            return LibC.semctl(semid, index, GETVAL, 0);
        } catch (LastErrorException e) {
            throw NativeException.of("semctl(GETVAL)", "semid " + semid + " #" + index, e);
        }
    }

    /**
     * One semop that must not block (its {@code struct sembuf} carries IPC_NOWAIT), for a side that
     * polls: false when it would have blocked. Errno is read by {@link Errors} only then, so that
     * polling allocates nothing.
     */
    public static boolean semOpNow(int semid, long operation) {
        long done;
        do {
            done = Errors.checkNow(LibC.semtimedop(semid, operation, 1, 0), "semtimedop", "semid %d", semid, 0);
        } while (done == Errors.INTERRUPTED);
        return done != Errors.AGAIN;
    }

    /**
     * One semop with a relative timeout. Returns false on timeout (EAGAIN); retries EINTR.
     *
     * @param operation a {@code struct sembuf} (6 bytes) in native memory
     * @param timeout a {@code struct timespec} in native memory, or 0 for none
     */
    public static boolean semTimedOp(int semid, long operation, long timeout) {
        long done;
        do {
            done = Errors.expecting(LibC.semtimedop(semid, operation, 1, timeout), Errno.EAGAIN, 0, "semtimedop", "semid %d", semid, 0);
        } while (done == Errors.INTERRUPTED);
        return done != Errors.AGAIN;
    }

    public static void semRemove(int semid) {
        try {
            LibC.semctl(semid, 0, IPC_RMID, 0);
        } catch (LastErrorException e) {
            ignoreIfGone(NativeException.of("semctl(IPC_RMID)", "semid " + semid, e));
        }
    }

    // ---- message queues

    public static int msgCreate() {
        try {
            return LibC.msgget(IPC_PRIVATE, IPC_CREAT | IPC_EXCL | OWNER_ONLY);
        } catch (LastErrorException e) {
            throw NativeException.of("msgget", "IPC_PRIVATE", e).withHint(KernelLimits.quote("kernel.msgmni"));
        }
    }

    /** Sends {@code size} bytes after the 8-byte mtype at {@code message}; blocks while the queue is full. */
    public static void msgSend(int msqid, long message, long size) {
        long sent;
        try {
            do {
                sent = Errors.check(LibC.msgsnd(msqid, message, size, 0), "msgsnd", "msqid %d, %d bytes", msqid, size);
            } while (sent == Errors.INTERRUPTED);
        } catch (NativeException e) {
            throw e.errno() == Errno.EINVAL ? e.withHint(KernelLimits.quote(KernelLimits.MSGMAX)) : e;
        }
    }

    /**
     * msgsnd with IPC_NOWAIT, for a side that polls (wait=spin or backoff): false when the queue has
     * no room yet. Errno is read by {@link Errors} only then, so that polling a full queue allocates nothing.
     */
    public static boolean msgSendNow(int msqid, long message, long size) {
        long sent;
        do {
            sent = Errors.checkNow(LibC.msgsnd(msqid, message, size, IPC_NOWAIT), "msgsnd", "msqid %d, %d bytes", msqid, size);
        } while (sent == Errors.INTERRUPTED);
        return sent != Errors.AGAIN;
    }

    /** msgrcv with IPC_NOWAIT: the data size, or -1 when no message of {@code type} is there yet; allocates nothing then. */
    public static long msgReceiveNow(int msqid, long message, long capacity, long type) {
        long size;
        do {
            size = Errors.expecting(LibC.msgrcv(msqid, message, capacity, type, IPC_NOWAIT), Errno.ENOMSG, 0, "msgrcv",
                    "msqid %d, type %d", msqid, type);
        } while (size == Errors.INTERRUPTED);
        return size < 0 ? -1 : size; // ENOMSG: IPC_NOWAIT's "no such message yet"
    }

    /** Receives one message of {@code type} into {@code message} (mtype first); returns its data size. */
    public static long msgReceive(int msqid, long message, long capacity, long type) {
        long size;
        do {
            size = Errors.check(LibC.msgrcv(msqid, message, capacity, type, 0), "msgrcv", "msqid %d, type %d", msqid, type);
        } while (size == Errors.INTERRUPTED);
        return size;
    }

    public static void msgRemove(int msqid) {
        try {
            LibC.msgctl(msqid, IPC_RMID, 0);
        } catch (LastErrorException e) {
            ignoreIfGone(NativeException.of("msgctl(IPC_RMID)", "msqid " + msqid, e));
        }
    }

    /** The bytes the queue holds (msg_qbytes; kernel.msgmnb when it was made). */
    public static long msgQueueBytes(int msqid) {
        return msgStat(msqid).getLong(MSG_QBYTES_OFFSET);
    }

    /**
     * Sets the bytes the queue holds (IPC_SET of msg_qbytes, its other fields as IPC_STAT read them).
     * Above kernel.msgmnb only a privileged user may go (EPERM).
     */
    public static void setMsgQueueBytes(int msqid, long bytes) {
        NativeMemory ds = msgStat(msqid);
        ds.putLong(MSG_QBYTES_OFFSET, bytes);
        try {
            LibC.msgctl(msqid, IPC_SET, ds.address());
        } catch (LastErrorException e) {
            throw NativeException.of("msgctl(IPC_SET msg_qbytes=" + bytes + ")", "msqid " + msqid, e)
                    .withHint(e.getErrorCode() == Errno.EPERM ? KernelLimits.MSGMNB + " = " + KernelLimits.read(KernelLimits.MSGMNB)
                            + " bytes caps an unprivileged queue below that; raise it, or ask for less with -p capacity=" : "");
        }
    }

    private static NativeMemory msgStat(int msqid) {
        NativeMemory ds = new NativeMemory(ID_DS_SIZE);
        try {
            LibC.msgctl(msqid, IPC_STAT, ds.address());
        } catch (LastErrorException e) {
            throw NativeException.of("msgctl(IPC_STAT)", "msqid " + msqid, e);
        }
        return ds;
    }

    /**
     * What IPC_STAT tells about an object, enough to recognise it later; {@code removalPending}: a
     * segment already marked with IPC_RMID, which goes with its last detach (sets and queues go at once).
     */
    public record IpcStat(int key, int creatorUid, int mode, long changeTime, boolean removalPending) {
        /** Made by this user with IPC_PRIVATE and 0600, and changed last at {@code stamp}. */
        public boolean isOurs(long stamp) {
            return key == IPC_PRIVATE && creatorUid == Sys.getuid() && mode == OWNER_ONLY && changeTime == stamp;
        }
    }

    private static final int KEY_OFFSET = 0;
    private static final int CUID_OFFSET = 12;

    /** SHM_DEST in a segment's mode: IPC_RMID was called and it goes with its last detach. */
    private static final int SHM_DEST = 01000;

    /**
     * IPC_STAT of a segment ({@code "shm"}), semaphore set ({@code "sem"}) or queue ({@code "msg"});
     * null if it no longer exists. ctime offsets are those of the x86_64 *id_ds structs.
     */
    public static IpcStat stat(String kind, int id) {
        NativeMemory ds = new NativeMemory(ID_DS_SIZE);
        int ctimeOffset;
        try {
            switch (kind) {
                case "shm" -> {
                    LibC.shmctl(id, IPC_STAT, ds.address());
                    ctimeOffset = 72;
                }
                case "sem" -> {
                    LibC.semctl(id, 0, IPC_STAT, ds.address());
                    ctimeOffset = 56;
                }
                case "msg" -> {
                    LibC.msgctl(id, IPC_STAT, ds.address());
                    ctimeOffset = 64;
                }
                default -> throw new IllegalArgumentException("not a System V kind: " + kind);
            }
        } catch (LastErrorException e) {
            NativeException error = NativeException.of(kind + "ctl(IPC_STAT)", kind + " " + id, e);
            if (isGone(error)) {
                return null;
            }
            throw error;
        }
        int mode = ds.getUnsignedShort(IPC_PERM_MODE_OFFSET);
        return new IpcStat(ds.getInt(KEY_OFFSET), ds.getInt(CUID_OFFSET), mode & 0777, ds.getLong(ctimeOffset),
                kind.equals("shm") && (mode & SHM_DEST) != 0);
    }

    /** True for the errors that mean "the object was removed": EIDRM, EINVAL. */
    public static boolean isGone(NativeException e) {
        return e.errno() == Errno.EIDRM || e.errno() == Errno.EINVAL;
    }

    private static void ignoreIfGone(NativeException e) {
        if (!isGone(e)) {
            throw e;
        }
    }
}
