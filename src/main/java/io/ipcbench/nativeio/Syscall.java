package io.ipcbench.nativeio;

import java.util.Locale;

/**
 * The system calls the suite makes by number (futex, io_uring, pidfd, memfd_create, process_vm_*,
 * vmsplice, prctl; the read, write and queue calls a polled wait repeats go through libc's own entry
 * points instead, {@link LibC}), with their numbers on each architecture the suite knows: x86_64
 * from the kernel's {@code arch/x86/entry/syscalls/syscall_64.tbl}, aarch64 from
 * {@code include/uapi/asm-generic/unistd.h}. The machine's column is chosen once, at start-up, from
 * {@code os.arch}. On any other architecture every number is unknown ({@link #number()} is -1):
 * {@link #unsupportedHere()} says so in one line, and the registry refuses the transports that need
 * them with it (TransportKind#callsByNumber) while the pure-Java ones still run.
 */
public enum Syscall {
    FUTEX(202, 98),
    PRCTL(157, 167),
    PROCESS_VM_READV(310, 270),
    PROCESS_VM_WRITEV(311, 271),
    VMSPLICE(278, 75),
    MEMFD_CREATE(319, 279),
    IO_URING_SETUP(425, 425),
    IO_URING_ENTER(426, 426),
    IO_URING_REGISTER(427, 427),
    PIDFD_OPEN(434, 434),
    PIDFD_GETFD(438, 438);

    /** The architectures with a column in this table, as {@code os.arch} names them. */
    public enum Architecture {
        X86_64, AARCH64, OTHER;

        static Architecture of(String osArch) {
            return switch (osArch.toLowerCase(Locale.ROOT)) {
                case "amd64", "x86_64" -> X86_64;
                case "aarch64", "arm64" -> AARCH64;
                default -> OTHER;
            };
        }
    }

    private static final String OS_ARCH = System.getProperty("os.arch");
    private final long x86;
    private final long arm;

    Syscall(long x86, long arm) {
        this.x86 = x86;
        this.arm = arm;
    }

    /** This call's number on {@code architecture}; -1 on one the table does not know. */
    public long numberOn(Architecture architecture) {
        return switch (architecture) {
            case X86_64 -> x86;
            case AARCH64 -> arm;
            case OTHER -> -1;
        };
    }

    /** This call's number on this machine; -1 where the architecture is unknown (see {@link #unsupportedHere()}). */
    public long number() {
        return numberOn(Architecture.of(OS_ARCH));
    }

    /** True when this machine's architecture has a column in the table. */
    public static boolean knownHere() {
        return Architecture.of(OS_ARCH) != Architecture.OTHER;
    }

    /** The one line for a transport that needs calls by number on an architecture without them; null where they are known. */
    public static String unsupportedHere(String transport) {
        return knownHere() ? null : unsupportedOn(OS_ARCH, transport);
    }

    static String unsupportedOn(String osArch, String transport) {
        return transport + " cannot run on " + osArch + ": it makes Linux system calls by number, which the suite knows for x86_64"
                + " and aarch64 only; the pure-Java transports (uds-jdk, tcp-jdk and the library rings) run anywhere";
    }
}
