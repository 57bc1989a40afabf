package io.ipcbench.library;

import java.nio.file.Path;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;

/**
 * The Aeron media driver of one {@code aeron-ipc} trial, embedded in the initiator: it lives exactly
 * as long as the trial (started in prepare, closed with the initiator's transport) and its directory
 * is in the trial's private directory. Not its own process: that would be a third JVM for the suite
 * to start, watch and kill, for a driver that on {@code aeron:ipc} only sets up the log buffers and
 * moves the publisher's flow-control limit; it never touches a message.
 *
 * <p>Invoker mode: the driver has no thread; the initiator's waits run its duty cycle
 * ({@link AeronIpcTransport}), so its work counts in the initiator's CPU. A driver thread of its own,
 * even idling with Aeron's back-off, never idles while messages flow (each moves the limit), and on
 * a 2-CPU machine a third busy thread beside the two spinning sides took a round trip from 0.3 to
 * 10 µs: that measured the scheduler, not Aeron.
 */
final class EmbeddedMediaDriver {
    private EmbeddedMediaDriver() {
    }

    static MediaDriver launch(Path directory) {
        MediaDriver.Context context = new MediaDriver.Context()
                .aeronDirectoryName(directory.toString())
                .threadingMode(ThreadingMode.INVOKER)
                .dirDeleteOnStart(false)
                .dirDeleteOnShutdown(true)
                .warnIfDirectoryExists(false)
                .printConfigurationOnStart(false);
        return MediaDriver.launch(context);
    }
}
