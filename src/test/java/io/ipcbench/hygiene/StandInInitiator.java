package io.ipcbench.hygiene;

import io.ipcbench.core.PeerMode;
import io.ipcbench.nativeio.Signals;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.registry.TrialSpec;
import io.ipcbench.peer.PeerSession;
import io.ipcbench.registry.TransportRegistry;
import io.ipcbench.transport.Workspace;

/**
 * Plays the JMH fork in a separate JVM, so a test can SIGKILL it. Arguments: transport, then
 * {@code echo} or {@code sink} (a live trial whose peer pid is printed, then messages forever), or
 * {@code prepare} (kernel objects and files created and recorded, no peer yet), or
 * {@code pending-wake-up} (what a shm-signal trial can leave: a wake-up pending on a thread that
 * then ends; the JVM must still exit normally).
 * Prints {@code READY <peer pid or 0>} once there is something to kill.
 */
public final class StandInInitiator {
    public static void main(String[] args) throws Exception {
        String transport = args[0];
        if (args[1].equals("prepare")) {
            Workspace workspace = Workspace.create();
            TransportRegistry.kind(transport).prepare(workspace, 64);
            System.out.println("READY 0");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        if (args[1].equals("pending-wake-up")) {
            leaveAWakeUpPendingOnAThreadThatEnds();
            return;
        }
        PeerMode mode = PeerMode.parse(args[1]);
        PeerSession session = PeerSession.open(TrialSpec.parse(transport, "4096", "unpinned", mode));
        System.out.println("READY " + session.peerPid());
        System.out.flush();
        while (true) {
            if (mode == PeerMode.ECHO) {
                session.exchange().roundTrip();
            } else {
                session.exchange().send();
            }
        }
    }

    /**
     * A thread blocks the wake-up signal, receives one it never waits for (as after a race at the
     * end of a trial), and ends; HotSpot then restores the thread's original signal mask.
     */
    private static void leaveAWakeUpPendingOnAThreadThatEnds() throws InterruptedException {
        Thread waiter = new Thread(() -> {
            Signals.blockInCurrentThread(Signals.setOf(Signals.WAKE_UP));
            Sys.tgkill(Sys.getpid(), Sys.gettid(), Signals.WAKE_UP);
        });
        waiter.start();
        waiter.join();
        Thread.sleep(200);
        System.out.println("READY 0");
    }
}
