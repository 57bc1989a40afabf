package io.ipcbench.peer;

/**
 * The load metrics' names where {@code report} reads them. {@link TrialProfiler} reports them now;
 * once {@code report} names {@link TrialProfiler}'s, this class goes.
 */
public final class LoadProfiler {
    public static final String ACHIEVED = TrialProfiler.ACHIEVED;
    public static final String SATURATED = TrialProfiler.SATURATED;
    public static final double SATURATION_SHARE = TrialProfiler.SATURATION_SHARE;

    private LoadProfiler() {
    }
}
