package io.ipcbench.report;

import io.ipcbench.core.Benchmarks;
import io.ipcbench.core.BadInput;
import io.ipcbench.core.OfferedRate;
import io.ipcbench.peer.LoadProfiler;

/**
 * What the report reads from a load benchmark row: the rate offered (its {@code rate} param), the
 * rate achieved and whether it was saturated (the load profiler's metrics, or worked out from the
 * score when a row lacks them).
 */
final class LoadRows {
    private LoadRows() {
    }

    /** Messages/s offered; infinite for {@code max} (so it sorts last), NaN if unreadable. */
    static double offered(ResultRow row) {
        try {
            OfferedRate rate = OfferedRate.parse(row.param(Benchmarks.RATE));
            return rate.isMax() ? Double.POSITIVE_INFINITY : rate.perSecond();
        } catch (BadInput unreadable) {
            return Double.NaN;
        }
    }

    /** Messages/s achieved: the median over forks of each fork's rate. */
    static double achieved(ResultRow row) {
        ResultRow.Metric achieved = row.secondary().get(LoadProfiler.ACHIEVED);
        return achieved != null ? achieved.estimate().median() : row.estimate().median();
    }

    /** True when any measured iteration fell short of the offered rate. */
    static boolean saturated(ResultRow row) {
        ResultRow.Metric saturated = row.secondary().get(LoadProfiler.SATURATED);
        if (saturated != null) {
            return saturated.score() > 0;
        }
        double offered = offered(row);
        return Double.isFinite(offered) && achieved(row) < LoadProfiler.SATURATION_SHARE * offered;
    }
}
