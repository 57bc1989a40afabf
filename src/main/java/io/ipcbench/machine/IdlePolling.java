package io.ipcbench.machine;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.Unknown;

/**
 * Idle CPUs held polling for as long as this is open: a CPU wake-up latency request of 0 µs on
 * {@code /dev/cpu_dma_latency} (the kernel's PM QoS interface, as cyclictest holds it), so that no
 * CPU halts while the run lasts. On a VM a halted vCPU is woken through the hypervisor; a polling
 * one sees the wake-up itself. And the host re-places vCPUs when they halt, so a run whose CPUs never
 * halt keeps the placement each fork's floor measures (docs/measurement.md, "Idle CPUs held polling").
 *
 * <p>The kernel drops the request when its file is closed, which happens when the process ends
 * however it ends (kill -9 included): nothing outlives the run.
 */
public final class IdlePolling implements AutoCloseable {
    /** The value {@code /dev/cpu_dma_latency} reads when nobody holds a request (PM_QOS_CPU_LATENCY_DEFAULT_VALUE). */
    static final int NO_REQUEST = 2_000_000_000;
    /** The kernel's PM QoS device for the CPU wake-up latency. */
    public static final Path DEVICE = Path.of("/dev/cpu_dma_latency");
    public static final String AS_BOOTED = "as-booted";
    public static final String POLL = "poll";
    /** What the launcher's and scripts/ab's {@code --idle} says. */
    public static final String OPTION_HELP = "as-booted: idle CPUs wait as the machine is set up; poll: held polling for the run"
            + " (/dev/cpu_dma_latency 0 µs; needs root)";

    /** Null when nothing is held. */
    private final FileOutputStream request;

    private IdlePolling(FileOutputStream request) {
        this.request = request;
    }

    /** {@code mode}, if it names one: {@value #AS_BOOTED} or {@value #POLL}. */
    public static String checkMode(String mode) {
        if (!AS_BOOTED.equals(mode) && !POLL.equals(mode)) {
            throw new BadInput("unknown idle mode '" + mode + "'; valid: " + AS_BOOTED + ", " + POLL);
        }
        return mode;
    }

    /** Held until {@link #close()} when {@code mode} is {@value #POLL}; nothing held for {@value #AS_BOOTED}. */
    public static IdlePolling forMode(String mode) {
        return POLL.equals(checkMode(mode)) ? hold(DEVICE) : new IdlePolling(null);
    }

    static IdlePolling hold(Path device) {
        FileOutputStream request = null;
        try {
            request = new FileOutputStream(device.toFile());
            // one write of exactly four bytes is read as a binary s32 (anything else as a hex string)
            request.write(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(0).array());
            return new IdlePolling(request);
        } catch (IOException e) {
            closeQuietly(request);
            // FileOutputStream's message names the file and the errno text: "/dev/cpu_dma_latency (Permission denied)"
            throw new BadInput("cannot hold idle CPUs polling: " + e.getMessage()
                    + (Files.exists(device) ? "; it needs root" : "; no PM QoS device on this machine"));
        }
    }

    /**
     * The CPU wake-up latency the kernel grants now, in µs: 0 while anyone (this run, tuned, a
     * cyclictest) holds CPUs polling, {@value #NO_REQUEST} with no request; {@code "unknown (…)"} where
     * the device cannot be read (it needs root).
     */
    static Object limitMicros(Path device) {
        try {
            byte[] value = Files.readAllBytes(device);
            if (value.length != Integer.BYTES) {
                return Unknown.because(device + " read " + value.length + " bytes, not " + Integer.BYTES);
            }
            return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt();
        } catch (IOException e) {
            return Unknown.because(Files.exists(device) ? "cannot read " + device + ", which needs root" : "no " + device);
        }
    }

    @Override
    public void close() {
        closeQuietly(request);
    }

    private static void closeQuietly(FileOutputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // the request dies with the file either way
            }
        }
    }
}
