package io.ipcbench.kernel;

import io.ipcbench.core.Capacity;
import io.ipcbench.nativeio.KernelLimits;

/** What a pipe or FIFO may be asked to hold, checked before a trial starts (F_SETPIPE_SZ would fail with EPERM). */
final class PipeCapacity {
    private PipeCapacity() {
    }

    /** Refuses a capacity above fs.pipe-max-size for a user without CAP_SYS_RESOURCE, in one line that says what to change. */
    static void check(String transport, Capacity capacity) {
        if (capacity.isDefault()) {
            return;
        }
        long most = KernelLimits.bindingLimit(KernelLimits.PIPE_MAX_SIZE, Long.MAX_VALUE);
        if (capacity.bytes() > most) {
            throw new IllegalArgumentException(transport + " cannot run capacity=" + capacity.label() + ": "
                    + KernelLimits.quote(KernelLimits.PIPE_MAX_SIZE) + " caps a pipe for a user without CAP_SYS_RESOURCE; raise it"
                    + " (sysctl -w " + KernelLimits.PIPE_MAX_SIZE + "=" + capacity.label() + ") or ask for " + most + " or less");
        }
    }
}
