package io.ipcbench.testing;

import java.io.IOException;

import io.ipcbench.core.Placement;
import io.ipcbench.core.WaitMode;
import io.ipcbench.kernel.PipeKind;
import io.ipcbench.transport.Rendezvous;
import io.ipcbench.transport.Transport;
import io.ipcbench.transport.TransportKind;
import io.ipcbench.transport.Workspace;

/**
 * A transport the registry does not list: {@code pipe}'s channel under another name, registered in
 * test scope through {@code TransportRegistry.EXTRA_KINDS_PROPERTY} (ExtraTransportTest) to show that
 * a transport registered once is swept, budgeted and tabled with no other edit.
 */
public final class RenamedPipeKind implements TransportKind {
    public static final String NAME = "test-pipe";
    private final PipeKind pipe = new PipeKind();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Rendezvous prepare(Workspace workspace, int payload) throws IOException {
        return pipe.prepare(workspace, payload);
    }

    @Override
    public Transport attach(String address, int payload) throws IOException {
        return pipe.attach(address, payload);
    }

    @Override
    public WaitMode waitMode() {
        return pipe.waitMode();
    }

    @Override
    public void checkPlacement(Placement placement) {
        pipe.checkPlacement(placement);
    }

    @Override
    public void checkPayload(int payload) {
        pipe.checkPayload(payload);
    }

    @Override
    public boolean callsByNumber() {
        return pipe.callsByNumber();
    }
}
