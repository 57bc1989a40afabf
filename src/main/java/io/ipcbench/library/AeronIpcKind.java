package io.ipcbench.library;

import java.io.IOException;
import java.nio.file.Path;

import org.agrona.CloseHelper;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.ipcbench.hygiene.PrivateDir;
import io.ipcbench.transport.AttachByIdRendezvous;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.Workspace;

/**
 * {@code aeron-ipc}: Aeron publications and subscriptions on {@code aeron:ipc}, one stream per
 * direction, through a media driver embedded in the initiator ({@link EmbeddedMediaDriver}) whose
 * directory is in the trial's private directory. The peer is told that directory and connects its
 * own Aeron client to the driver. Both sides busy-spin.
 */
public final class AeronIpcKind extends SpinningKind {
    private static final String DRIVER_DIR = "aeron";
    private static final int TO_PEER = 1001;
    private static final int TO_INITIATOR = 1002;

    @Override
    public String name() {
        return "aeron-ipc";
    }

    /** An Aeron message is at most an eighth of its term ({@link EighthRule}). */
    @Override
    int maxChunk() {
        return EighthRule.MAX_CHUNK;
    }

    /** The publications' channel: a term whose eighth holds a whole chunk. */
    private static String publicationChannel(int payload) {
        return "aeron:ipc?term-length=" + EighthRule.buffer(payload);
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) throws IOException {
        Path directory = workspace.resolve(DRIVER_DIR);
        MediaDriver driver = EmbeddedMediaDriver.launch(directory);
        try {
            Transport transport = connect(directory.toString(), TO_PEER, TO_INITIATOR, driver, payload);
            PrivateDir.restrict(directory);
            // the peer's publication adds its log buffer once it attaches: restrict that one too
            return new AttachByIdRendezvous(directory.toString(), transport, () -> PrivateDir.restrict(directory));
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    @Override
    public Transport attach(String address, int payload) {
        return connect(address, TO_INITIATOR, TO_PEER, null, payload);
    }

    private static Transport connect(String directory, int outStream, int inStream, MediaDriver driver, int payload) {
        Aeron.Context context = new Aeron.Context().aeronDirectoryName(directory);
        if (driver != null) {
            // no thread of Aeron's in the initiator: its driver and client run in our waits (AeronIpcTransport)
            context.driverAgentInvoker(driver.sharedAgentInvoker()).useConductorAgentInvoker(true);
        }
        Aeron aeron = Aeron.connect(context);
        ExclusivePublication publication = null;
        try {
            publication = aeron.addExclusivePublication(publicationChannel(payload), outStream);
            Subscription subscription = aeron.addSubscription("aeron:ipc", inStream);
            return new AeronIpcTransport(aeron, publication, subscription, driver, EighthRule.chunk(payload));
        } catch (RuntimeException e) {
            CloseHelper.quietCloseAll(publication, aeron);
            throw e;
        }
    }
}
