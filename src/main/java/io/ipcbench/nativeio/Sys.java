package io.ipcbench.nativeio;

import com.sun.jna.LastErrorException;

/**
 * The libc calls the suite makes, with errors turned into {@link NativeException}s that name the
 * call, errno and object. EINTR is retried here ({@link Errors}) so callers never see it.
 */
public final class Sys {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 04000;
    public static final int O_CLOEXEC = 02000000;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int F_SETPIPE_SZ = 1031;
    private static final int F_GETPIPE_SZ = 1032;
    private static final int SC_PAGESIZE = 30;
    private static final int SC_NPROCESSORS_ONLN = 84;
    /** The calls {@link #now} makes, and their names for an error. */
    private static final int READ = 0;
    private static final int WRITE = 1;
    private static final int VMSPLICE = 2;
    private static final String[] NOW_CALLS = {"read", "write", "vmsplice"};
    private static final long SYS_VMSPLICE = Syscall.VMSPLICE.number();
    private static final int SPLICE_F_NONBLOCK = 2;
    /** What {@link #readNow} and {@link #writeNow} return when the call would have blocked. */
    public static final long WOULD_BLOCK = -1;
    public static final short POLLIN = 1;
    public static final short POLLOUT = 4;

    private Sys() {
    }

    public static int open(String path, int flags) {
        long fd;
        do {
            fd = Errors.check(LibC.open(path, flags | O_CLOEXEC, 0), "open", path);
        } while (fd == Errors.INTERRUPTED);
        return (int) fd;
    }

    public static void close(int fd) {
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            throw NativeException.of("close", "fd " + fd, e);
        }
    }

    /** One read(2); returns 0 at end of file. */
    public static long read(int fd, long address, long count, Object what) {
        long n;
        do {
            n = Errors.check(LibC.read(fd, address, count), "read", what);
        } while (n == Errors.INTERRUPTED);
        return n;
    }

    /** One write(2); returns the bytes written, which may be fewer than asked. */
    public static long write(int fd, long address, long count, Object what) {
        long n;
        do {
            n = Errors.check(LibC.write(fd, address, count), "write", what);
        } while (n == Errors.INTERRUPTED);
        return n;
    }

    /**
     * poll(2) on one {@code struct pollfd} in native memory: true once it is ready (its revents say
     * how), false if {@code timeoutMillis} passed first. Retries EINTR.
     */
    public static boolean pollOne(long pollFd, int timeoutMillis, Object what) {
        long ready;
        do {
            ready = Errors.check(LibC.poll(pollFd, 1, timeoutMillis), "poll", what);
        } while (ready == Errors.INTERRUPTED);
        return ready > 0;
    }

    /**
     * One read(2) on a non-blocking descriptor: the bytes read, 0 at end of file, or
     * {@link #WOULD_BLOCK} when there is nothing to read yet.
     */
    public static long readNow(int fd, long address, long count, Object what) {
        return now(READ, fd, address, count, what);
    }

    /** One write(2) on a non-blocking descriptor: the bytes written, or {@link #WOULD_BLOCK} when there is no room yet. */
    public static long writeNow(int fd, long address, long count, Object what) {
        return now(WRITE, fd, address, count, what);
    }

    /**
     * One vmsplice(2) of the one {@code struct iovec} at {@code iovec} into the pipe {@code fd},
     * blocking until the pipe has a free slot: the bytes whose pages the pipe now references,
     * which may be fewer than asked. No SPLICE_F_GIFT: the pages stay the caller's (docs/transports.md,
     * "Page references: vmsplice").
     */
    public static long vmsplice(int fd, long iovec, Object what) {
        long n;
        do {
            n = Errors.check(LibC.syscall(SYS_VMSPLICE, fd, iovec, 1, 0), "vmsplice", what);
        } while (n == Errors.INTERRUPTED);
        return n;
    }

    /** As {@link #vmsplice} with SPLICE_F_NONBLOCK (the pipe's O_NONBLOCK does not reach vmsplice): {@link #WOULD_BLOCK} when the pipe is full. */
    public static long vmspliceNow(int fd, long iovec, Object what) {
        return now(VMSPLICE, fd, iovec, 1, what);
    }

    /**
     * read(2), write(2) or vmsplice(2) on a non-blocking descriptor, errno read by {@link Errors} only
     * on failure: polling an empty or full descriptor allocates nothing. read and write are libc's own
     * entry points, as the blocking calls make them: through {@code syscall} each call would hand JNA
     * two more arguments to convert and libc's wrapper one more to shift (docs/hygiene-and-native.md, "Native calls").
     */
    private static long now(int call, int fd, long address, long count, Object what) {
        long n;
        do {
            long result = call == READ ? LibC.read(fd, address, count)
                    : call == WRITE ? LibC.write(fd, address, count) : LibC.syscall(SYS_VMSPLICE, fd, address, count, SPLICE_F_NONBLOCK);
            n = Errors.checkNow(result, NOW_CALLS[call], what);
        } while (n == Errors.INTERRUPTED);
        return n == Errors.AGAIN ? WOULD_BLOCK : n;
    }

    public static void mkfifo(String path, int mode) {
        try {
            LibC.mkfifo(path, mode);
        } catch (LastErrorException e) {
            throw NativeException.of("mkfifo", path, e);
        }
    }

    /**
     * A new pipe, {@code {read end, write end}}, close-on-exec so that no process this JVM starts
     * inherits it by accident.
     */
    public static int[] pipe(Object what) {
        int[] fds = new int[2];
        try {
            LibC.pipe2(fds, O_CLOEXEC);
        } catch (LastErrorException e) {
            throw NativeException.of("pipe2", what, e);
        }
        return fds;
    }

    /**
     * Sets O_NONBLOCK, for a side that polls its descriptor (wait=spin or backoff), or clears it so
     * that reads and writes block (a socket accepted from a non-blocking listener).
     */
    public static void setNonBlocking(int fd, boolean nonBlocking, Object what) {
        try {
            int flags = LibC.fcntl(fd, F_GETFL, 0);
            LibC.fcntl(fd, F_SETFL, nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK);
        } catch (LastErrorException e) {
            throw NativeException.of("fcntl", what, e);
        }
    }

    /**
     * Asks the pipe behind {@code fd} (either end; a FIFO too) to hold {@code bytes}: the kernel
     * rounds up to a power of two of pages, and only a privileged user may go beyond
     * fs.pipe-max-size. Returns what it holds now.
     */
    public static long setPipeCapacity(int fd, long bytes, Object what) {
        try {
            return LibC.fcntl(fd, F_SETPIPE_SZ, bytes);
        } catch (LastErrorException e) {
            throw NativeException.of("fcntl(F_SETPIPE_SZ, " + bytes + ")", what, e).withHint(LimitHint.pipeSize(e.getErrorCode(), bytes));
        }
    }

    /** The bytes the pipe behind {@code fd} holds (F_GETPIPE_SZ). */
    public static long pipeCapacity(int fd, Object what) {
        try {
            return LibC.fcntl(fd, F_GETPIPE_SZ, 0);
        } catch (LastErrorException e) {
            throw NativeException.of("fcntl(F_GETPIPE_SZ)", what, e);
        }
    }

    /**
     * CPUs online in the machine. Not {@code Runtime.availableProcessors()}, which shrinks to one
     * once the calling thread is pinned.
     */
    public static int onlineCpus() {
        return (int) LibC.sysconf(SC_NPROCESSORS_ONLN);
    }

    public static long pageSize() {
        return LibC.sysconf(SC_PAGESIZE);
    }

    public static int getuid() {
        return LibC.getuid();
    }

    public static int getpid() {
        return LibC.getpid();
    }

    /** The parent's pid now: it changes the moment the parent exits (we are handed to a reaper). */
    public static int getppid() {
        return LibC.getppid();
    }

    /** The kernel thread id of the calling thread. */
    public static int gettid() {
        return LibC.gettid();
    }

    /** Sends {@code signal} to one thread of one process. */
    public static void tgkill(int pid, int tid, int signal) {
        try {
            LibC.tgkill(pid, tid, signal);
        } catch (LastErrorException e) {
            throw NativeException.of("tgkill", "pid " + pid + " tid " + tid + " signal " + signal, e);
        }
    }

    /** Pins the calling thread to one CPU. */
    public static void pinCurrentThread(int cpu) {
        long[] mask = new long[(cpu / 64) + 1];
        mask[cpu / 64] = 1L << (cpu % 64);
        setAffinity(mask, "cpu " + cpu);
    }

    /** Lets the calling thread run on every online CPU again. */
    public static void unpinCurrentThread() {
        int cpus = onlineCpus();
        long[] mask = new long[(cpus + 63) / 64];
        for (int cpu = 0; cpu < cpus; cpu++) {
            mask[cpu / 64] |= 1L << (cpu % 64);
        }
        setAffinity(mask, "all " + cpus + " cpus");
    }

    private static void setAffinity(long[] mask, String what) {
        try {
            LibC.sched_setaffinity(0, mask.length * 8L, mask);
        } catch (LastErrorException e) {
            throw NativeException.of("sched_setaffinity", what, e);
        }
    }
}
