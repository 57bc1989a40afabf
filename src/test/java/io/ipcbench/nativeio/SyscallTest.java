package io.ipcbench.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The system call numbers per architecture, and the one line where the suite knows none. */
class SyscallTest {
    @Test
    void numbersFollowTheKernelsTablesForEachArchitecture() {
        // arch/x86/entry/syscalls/syscall_64.tbl
        assertThat(Syscall.VMSPLICE.numberOn(Syscall.Architecture.X86_64)).isEqualTo(278);
        assertThat(Syscall.FUTEX.numberOn(Syscall.Architecture.X86_64)).isEqualTo(202);
        assertThat(Syscall.PIDFD_GETFD.numberOn(Syscall.Architecture.X86_64)).isEqualTo(438);
        // include/uapi/asm-generic/unistd.h, which aarch64 uses
        assertThat(Syscall.VMSPLICE.numberOn(Syscall.Architecture.AARCH64)).isEqualTo(75);
        assertThat(Syscall.FUTEX.numberOn(Syscall.Architecture.AARCH64)).isEqualTo(98);
        assertThat(Syscall.PROCESS_VM_WRITEV.numberOn(Syscall.Architecture.AARCH64)).isEqualTo(271);
        for (Syscall.Architecture known : new Syscall.Architecture[] {Syscall.Architecture.X86_64, Syscall.Architecture.AARCH64}) {
            assertThat(Arrays.stream(Syscall.values()).mapToLong(s -> s.numberOn(known)).distinct().count())
                    .as("no two calls share a number on %s", known).isEqualTo(Syscall.values().length);
        }
    }

    @Test
    void anotherArchitectureKnowsNoNumberAndSaysSoInOneLine() {
        assertThat(Syscall.Architecture.of("riscv64")).isEqualTo(Syscall.Architecture.OTHER);
        assertThat(Syscall.Architecture.of("amd64")).isEqualTo(Syscall.Architecture.X86_64);
        assertThat(Syscall.Architecture.of("aarch64")).isEqualTo(Syscall.Architecture.AARCH64);
        assertThat(Syscall.FUTEX.numberOn(Syscall.Architecture.OTHER)).isEqualTo(-1);
        assertThat(Syscall.unsupportedOn("riscv64", "shm-futex")).startsWith("shm-futex cannot run on riscv64:")
                .contains("x86_64 and aarch64").contains("uds-jdk").doesNotContain("\n");
    }

    /** The transports that would still run where no number is known: the JDK's sockets and the library rings. */
    @Test
    void onlyThePureJavaTransportsNeedNoNumbers() {
        assertThat(io.ipcbench.registry.TransportRegistry.names().stream()
                .filter(name -> !io.ipcbench.registry.TransportRegistry.kind(name).callsByNumber()))
                .containsExactlyInAnyOrder("uds-jdk", "tcp-jdk", "aeron-ipc", "chronicle-queue", "agrona-ring");
    }

    @Test
    void thisMachineIsKnownAndItsCallsWork() {
        assertThat(Syscall.knownHere()).isTrue();
        assertThat(Syscall.unsupportedHere("pipe")).isNull();
        assertThat(Sys.gettid()).as("glibc's gettid, no number needed").isPositive();
    }
}
