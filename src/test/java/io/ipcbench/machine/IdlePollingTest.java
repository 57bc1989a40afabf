package io.ipcbench.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.Unknown;

class IdlePollingTest {
    @TempDir
    Path dir;

    static byte[] nativeInt(int value) {
        return ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    @Test
    void theRequestIsOneWriteOfFourNativeBytesOfZero() throws IOException {
        Path device = dir.resolve("cpu_dma_latency");
        Files.write(device, nativeInt(IdlePolling.NO_REQUEST));
        try (IdlePolling held = IdlePolling.hold(device)) {
            assertThat(Files.readAllBytes(device)).isEqualTo(nativeInt(0));
            assertThat(IdlePolling.limitMicros(device)).isEqualTo(0);
        }
    }

    @Test
    void aLimitThatIsNotFourBytesOrCannotBeReadIsUnknown() throws IOException {
        Files.write(dir.resolve("short"), new byte[] {0, 0, 0});
        assertThat(IdlePolling.limitMicros(dir.resolve("short"))).asString().startsWith("unknown (").contains("read 3 bytes");
        assertThat(Unknown.is(IdlePolling.limitMicros(dir.resolve("absent")))).isTrue();
    }

    @Test
    void badModesAndMissingDevicesAreOneLine() {
        assertThatThrownBy(() -> IdlePolling.forMode("always")).isInstanceOf(BadInput.class)
                .hasMessage("unknown idle mode 'always'; valid: as-booted, poll");
        assertThatThrownBy(() -> IdlePolling.hold(dir.resolve("no/such/device"))).isInstanceOf(BadInput.class)
                .hasMessageStartingWith("cannot hold idle CPUs polling: ").hasMessageEndingWith("(No such file or directory); no PM QoS device on this machine")
                .hasMessageNotContaining("\n");
    }

    /** On this machine: root holds the CPUs polling and lets go on close; anyone else is told why not. */
    @Test
    void pollHoldsTheMachinesLimitAtZeroUntilClosed() {
        if (!Files.isWritable(IdlePolling.DEVICE)) {
            assertThatThrownBy(() -> IdlePolling.forMode("poll")).isInstanceOf(BadInput.class).hasMessageContaining("cpu_dma_latency");
            return;
        }
        Object before = IdlePolling.limitMicros(IdlePolling.DEVICE);
        try (IdlePolling held = IdlePolling.forMode("poll")) {
            assertThat(IdlePolling.limitMicros(IdlePolling.DEVICE)).isEqualTo(0);
            assertThat(IdleSettings.summary(IdleSettings.ofThisMachine())).endsWith(", CPUs held polling");
        }
        assertThat(IdlePolling.limitMicros(IdlePolling.DEVICE)).isEqualTo(before);
        try (IdlePolling nothing = IdlePolling.forMode("as-booted")) {
            assertThat(IdlePolling.limitMicros(IdlePolling.DEVICE)).isEqualTo(before);
        }
    }
}
