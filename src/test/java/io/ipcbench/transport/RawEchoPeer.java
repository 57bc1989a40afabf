package io.ipcbench.transport;

import java.util.Arrays;

import io.ipcbench.core.Capacity;
import io.ipcbench.core.Message;
import io.ipcbench.core.WaitMode;
import io.ipcbench.peer.PeerMain;
import io.ipcbench.registry.TransportRegistry;

/**
 * A test peer that exercises a transport below the message format: it attaches, then receives and
 * echoes one message of each size it was given, byte for byte, whatever the bytes are.
 * Arguments: transport name, rendezvous address, comma-separated sizes, and optionally how to wait
 * (core.WaitMode; as the transport waits by design without it) and the capacity (core.Capacity;
 * the mechanism's own without it).
 */
public final class RawEchoPeer {
    public static void main(String[] args) throws Exception {
        System.err.println(PeerMain.STARTED);
        int[] sizes = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int largest = Arrays.stream(sizes).max().orElse(1);
        TransportKind registered = TransportRegistry.kind(args[0]);
        TransportKind kind = (args.length > 3 ? registered.waiting(WaitMode.parse(args[3])) : registered)
                .holding(args.length > 4 ? Capacity.parse(args[4]) : Capacity.DEFAULT);
        try (Transport transport = kind.attach(args[1], largest)) {
            Message message = transport.message(largest);
            for (int size : sizes) {
                transport.receive(message, size);
                transport.send(message, size);
            }
        }
        System.exit(0);
    }
}
