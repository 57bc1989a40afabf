package io.ipcbench.transport;

/** What a rendezvous may know of the peer process while accepting it. */
public interface PeerHandle {
    long pid();
}
