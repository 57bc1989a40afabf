package io.ipcbench.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Direct-mapped libc calls (JNA {@code Native.register}: 0.10–0.27 µs a call on top of the system call, docs/hygiene-and-native.md, "Native calls").
 *
 * <p>Pointers are passed as {@code long} addresses so the hot path converts nothing; variadic
 * functions ({@code open}, {@code fcntl}, {@code syscall}) are bound with fixed arguments.
 * A call made once (setting up, tearing down) declares {@link LastErrorException}, which the
 * caller turns into a {@link NativeException} naming the call, the errno symbol and the object. A
 * call that a loop makes again — after EINTR, or polling past EAGAIN — declares none: it returns -1
 * and {@link Errors} reads errno then, so that neither an interrupted nor a polled call builds an
 * exception. Call {@link Sys}, not this class, outside the native package.
 */
final class LibC {
    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    // files, pipes and FIFOs
    static native int open(String path, int flags, int mode);
    static native int close(int fd) throws LastErrorException;
    static native long read(int fd, long buf, long count);
    static native long write(int fd, long buf, long count);
    static native int mkfifo(String path, int mode) throws LastErrorException;
    static native int pipe2(int[] fds, int flags) throws LastErrorException;
    static native int fcntl(int fd, int cmd, long arg) throws LastErrorException;
    static native int eventfd(int initial, int flags) throws LastErrorException;
    static native int ftruncate(int fd, long length) throws LastErrorException;
    static native long lseek(int fd, long offset, int whence) throws LastErrorException;

    // memory mappings (a memfd's pages, an io_uring's rings, cma:split's message buffers)
    static native long mmap(long address, long length, int protection, int flags, int fd, long offset) throws LastErrorException;
    static native int munmap(long address, long length) throws LastErrorException;
    static native int madvise(long address, long length, int advice) throws LastErrorException;

    // stream sockets (Unix domain and TCP); addresses are sockaddr structs in native memory;
    // sendmsg/recvmsg hand descriptors to another process (SCM_RIGHTS)
    static native long sendmsg(int fd, long message, int flags) throws LastErrorException;
    static native long recvmsg(int fd, long message, int flags) throws LastErrorException;
    static native int socket(int domain, int type, int protocol) throws LastErrorException;
    static native int bind(int fd, long address, int length) throws LastErrorException;
    static native int listen(int fd, int backlog) throws LastErrorException;
    static native int accept4(int fd, long address, long length, int flags);
    static native int connect(int fd, long address, int length);
    static native int getsockname(int fd, long address, long length) throws LastErrorException;
    static native int setsockopt(int fd, int level, int option, long value, int length) throws LastErrorException;
    static native int getsockopt(int fd, int level, int option, long value, long length) throws LastErrorException;
    static native int shutdown(int fd, int how) throws LastErrorException;
    static native int poll(long fds, long count, int timeoutMillis);

    // processes and threads
    static native int getpid();
    static native int getppid();
    /** glibc 2.30 and later wrap these two, so no syscall number is needed. */
    static native int gettid();
    static native int tgkill(int pid, int tid, int signal) throws LastErrorException;
    static native int getuid();
    static native long sysconf(int name);
    static native int sched_setaffinity(int pid, long cpusetsize, long[] mask) throws LastErrorException;
    static native long syscall(long number, long a1, long a2, long a3) throws LastErrorException;
    /** For calls whose expected failures (a futex wait's EAGAIN, ETIMEDOUT; vmsplice's) must not allocate: errno read by {@link Errors}. */
    static native long syscall(long number, long a1, long a2, long a3, long a4);
    /** The same for six arguments (process_vm_writev, io_uring_enter). */
    static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    // System V shared memory, semaphores, message queues
    static native int shmget(int key, long size, int flags) throws LastErrorException;
    static native long shmat(int shmid, long address, int flags) throws LastErrorException;
    static native int shmdt(long address) throws LastErrorException;
    static native int shmctl(int shmid, int command, long buffer) throws LastErrorException;
    static native int semget(int key, int count, int flags) throws LastErrorException;
    static native int semtimedop(int semid, long operations, long count, long timeout);
    static native int semctl(int semid, int index, int command, long argument) throws LastErrorException;
    static native int msgget(int key, int flags) throws LastErrorException;
    static native int msgsnd(int msqid, long message, long size, int flags);
    static native long msgrcv(int msqid, long message, long size, long type, int flags);
    static native int msgctl(int msqid, int command, long buffer) throws LastErrorException;

    // POSIX message queues (in libc itself since glibc 2.34)
    static native int mq_open(String name, int flags, int mode, long attributes) throws LastErrorException;
    static native int mq_timedsend(int mqd, long message, long size, int priority, long deadline);
    static native long mq_timedreceive(int mqd, long message, long size, long priority, long deadline);
    static native int mq_getattr(int mqd, long attributes) throws LastErrorException;
    static native int mq_close(int mqd) throws LastErrorException;
    static native int mq_unlink(String name) throws LastErrorException;

    // signals
    static native int pthread_sigmask(int how, long set, long old); // returns the error, sets no errno
    static native int sigtimedwait(long set, long info, long timeout);
    static native int __libc_current_sigrtmin();
    static native long signal(int signal, long handler) throws LastErrorException;

    /** The C library's text for {@code errno} (a static string; only for an exception's message). */
    static native String strerror(int errno);
}
