package io.ipcbench.shm;

import io.ipcbench.core.Message;
import io.ipcbench.nativeio.PtraceRights;
import io.ipcbench.peer.PeerMain;
import io.ipcbench.transport.Transport;

/**
 * A {@code cma} peer that makes itself non-dumpable before it posts its first credit, so that the
 * kernel refuses the initiator's process_vm_writev into it (EPERM) unless the writer holds
 * CAP_SYS_PTRACE. Argument: the rendezvous address. It waits for a message until it is killed.
 */
public final class NonDumpableCmaPeer {
    public static void main(String[] args) throws Exception {
        System.err.println(PeerMain.STARTED);
        Message message = new Message(64);
        try (Transport transport = new CmaKind().attach(args[0], 64)) {
            PtraceRights.setDumpable(false);
            transport.receive(message, 64);
        }
        System.exit(0);
    }
}
