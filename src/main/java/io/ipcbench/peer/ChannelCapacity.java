package io.ipcbench.peer;

/**
 * The metric's name where {@code report} reads it. {@link TrialProfiler} reports it now, from the
 * trial's record; once {@code report} names {@link TrialProfiler#CAPACITY}, this class goes.
 */
public final class ChannelCapacity {
    public static final String METRIC = TrialProfiler.CAPACITY;

    private ChannelCapacity() {
    }
}
