package io.ipcbench.library;

import net.openhft.posix.internal.PosixAPIHolder;

/**
 * Chronicle core binds a POSIX library through jnr-ffi the first time one of its classes loads
 * (jnr-ffi generates its call stubs with ASM): some 0.2–0.3 s of CPU in every JVM that touches
 * Chronicle Bytes, which here is every fork (the floor probe's buffers) and every shared-memory and
 * message-queue peer, all of it on the path from a fork's start to its first iteration. Nothing the
 * suite runs calls that binding: Chronicle uses it to {@code msync} a mapped file whose sync mode is
 * not {@code NONE} and from a queue appender's micro-toucher, and chronicle-queue enables neither
 * here. So each of our processes installs the library's own no-op binding before Chronicle first
 * loads; any call that did need POSIX would throw "POSIX implementation missing", not pass silently.
 */
public final class ChronicleStartup {
    private ChronicleStartup() {
    }

    /** Call before the first Chronicle class loads; later calls, and calls once bound, change nothing. */
    public static void skipPosixBinding() {
        if (PosixAPIHolder.POSIX_API == null) {
            PosixAPIHolder.useNoOpPosixApi();
        }
    }
}
