package io.ipcbench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ipcbench.core.BadInput;
import io.ipcbench.core.OfferedRate;

/** Where a row becomes saturated, the rate's unit whatever -tu says, and what a rate may be. */
class TrialProfilerTest {
    @Test
    void belowNinetyFivePercentOfTheTargetIsSaturated() {
        assertThat(TrialProfiler.saturated(OfferedRate.parse("1000"), 949)).isTrue();
        assertThat(TrialProfiler.saturated(OfferedRate.parse("1000"), 950)).isFalse();
        assertThat(TrialProfiler.saturated(OfferedRate.parse("1000"), 1003)).isFalse();
        assertThat(TrialProfiler.saturated(OfferedRate.parse("max"), 1)).as("max has no target").isFalse();
    }

    @Test
    void theScoreIsConvertedToPerSecond() {
        assertThat(TrialProfiler.perSecond(1000, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(TrialProfiler.perSecond(2, TimeUnit.MILLISECONDS)).isEqualTo(2000);
    }

    @Test
    void aRateIsAPositiveWholeNumberOrMax() {
        assertThat(OfferedRate.parse("200000").intervalNanos()).isEqualTo(5000);
        assertThat(OfferedRate.parse("MAX").isMax()).isTrue();
        for (String bad : new String[] {"0", "-5", "1e6", "fast", "", "1000000001"}) {
            assertThatThrownBy(() -> OfferedRate.parse(bad)).as(bad).isInstanceOf(BadInput.class).hasMessageContaining("'max'");
        }
    }
}
