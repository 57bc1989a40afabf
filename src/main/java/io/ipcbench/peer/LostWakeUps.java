package io.ipcbench.peer;

/**
 * The metric's name where {@code report} reads it. {@link TrialProfiler} reports it now, from the
 * trial's record; once {@code report} names {@link TrialProfiler#LOST_WAKE_UPS}, this class goes.
 */
public final class LostWakeUps {
    public static final String METRIC = TrialProfiler.LOST_WAKE_UPS;

    private LostWakeUps() {
    }
}
