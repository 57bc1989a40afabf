package io.ipcbench.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import io.ipcbench.core.PeerMode;
import io.ipcbench.core.Placement;
import io.ipcbench.registry.TrialSpec;

/**
 * The raw io_uring binding: one ring posts a completion into another (IORING_OP_MSG_RING), which
 * wakes a wait on it; a wait with nothing to wake it ends at its timeout. And the refusals, each
 * forced through its real path: io_uring disabled by the sysctl (its value overridden in this JVM),
 * and an opcode the kernel's own probe (IORING_REGISTER_PROBE) does not list.
 */
class IoUringTest {

    @Test
    void aPostedCompletionWakesTheOtherRingAndAWaitWithoutOneTimesOut() {
        try (IoUring a = IoUring.create(4, "ring a"); IoUring b = IoUring.create(4, "ring b")) {
            assertThat(b.await(1_000_000)).as("nothing posted yet: the wait times out").isFalse();
            a.msgRing(b.fd(), 2);
            assertThat(b.await(1_000_000_000L)).isTrue();
            assertThat(b.drain()).isEqualTo(1);
            assertThat(a.drain()).as("the poster's ring receives nothing for a post that succeeded").isZero();
            for (int i = 0; i < 100; i++) { // more posts than the completion ring holds between drains, drained as they come
                a.msgRing(b.fd(), 2);
                assertThat(b.await(1_000_000_000L)).isTrue();
                assertThat(b.drain()).isEqualTo(1);
            }
        }
    }

    /** The mapping of a ring made elsewhere, from its layout as text (what the peer answers). */
    @Test
    void aRingIsMappedFromItsLayoutAsText() {
        try (IoUring a = IoUring.create(4, "ring a"); IoUring b = IoUring.create(4, "ring b")) {
            IoUring.Layout layout = IoUring.Layout.parse(b.layout().toString());
            assertThat(layout).isEqualTo(b.layout());
            try (IoUring again = IoUring.adopt(Sys.open("/proc/self/fd/" + b.fd(), Sys.O_RDWR), layout, "ring b again")) {
                assertThat(again).isNotNull();
            } catch (NativeException reopenRefused) {
                // an io_uring cannot be reopened through /proc: the peer takes it with pidfd_getfd instead
                assertThat(reopenRefused.errno()).isEqualTo(Errno.ENXIO);
            }
        }
    }

    @Test
    void ioUringDisabledBySysctlIsRefusedInOneLineNamingIt() {
        try (var disabled = KernelLimits.override(IoUring.DISABLED, "2")) {
            assertThat(IoUring.refusal(IoUring.IORING_OP_MSG_RING, "IORING_OP_MSG_RING", "5.18"))
                    .isEqualTo("io_uring is disabled on this machine (kernel.io_uring_disabled = 2);"
                            + " allow it with sysctl -w kernel.io_uring_disabled=0 (as root)");
            assertThatThrownBy(() -> new TrialSpec("io-uring", 64, Placement.CROSS_CORE, PeerMode.ECHO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("io-uring cannot run here: io_uring is disabled on this machine (kernel.io_uring_disabled = 2);"
                            + " allow it with sysctl -w kernel.io_uring_disabled=0 (as root)");
        }
    }

    /** The probe's answer for an opcode past the kernel's last: the same path that refuses MSG_RING on a kernel before 5.18. */
    @Test
    void anOpcodeTheKernelDoesNotListIsRefusedInOneLine() {
        assertThat(IoUring.refusal(250, "IORING_OP_FROM_THE_FUTURE", "99.0"))
                .startsWith("this kernel (" + System.getProperty("os.version") + ") lacks IORING_OP_FROM_THE_FUTURE (opcode 250, kernel 99.0);"
                        + " its io_uring knows opcodes up to ")
                .doesNotContain("\n");
    }

    /** Where io_uring is allowed (kernel.io_uring_disabled = 0, as on the machines the suite was built on), a 6.x kernel has MSG_RING. */
    @Test
    void thisKernelHasMsgRing() {
        assumeTrue(KernelLimits.read(IoUring.DISABLED).equals("0"), "io_uring is not allowed on this machine");
        assertThat(IoUring.refusal(IoUring.IORING_OP_MSG_RING, "IORING_OP_MSG_RING", "5.18")).isEmpty();
    }
}
