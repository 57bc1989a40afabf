package io.ipcbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The -p wait= values: each reads back to its canonical label, and anything else is one line that says what is valid. */
class WaitModeTest {

    @Test
    void everyValueReadsBackToItsLabel() {
        for (String label : List.of("block", "spin", "backoff", "backoff:1", "backoff:200", "backoff:1000000")) {
            assertThat(WaitMode.parse(label).label()).isEqualTo(label);
        }
        assertThat(WaitMode.parse("backoff:50")).as("the default back-off, spelt out").isEqualTo(WaitMode.BACKOFF);
        assertThat(WaitMode.parse("backoff:50").label()).isEqualTo("backoff");
        assertThat(WaitMode.parse("backoff:20").spinNanos()).isEqualTo(20_000);
    }

    @Test
    void onlyBlockNeverPolls() {
        assertThat(WaitMode.BLOCK.polls()).isFalse();
        assertThat(WaitMode.SPIN.polls()).isTrue();
        assertThat(WaitMode.BACKOFF.polls()).isTrue();
    }

    @Test
    void anythingElseIsOneLineNamingTheValidValues() {
        for (String bad : List.of("", "Block", "spinning", "backoff:", "backoff:0", "backoff:-5", "backoff:1000001", "backoff:05",
                "backoff:1.5", WaitMode.BY_DESIGN)) {
            assertThatThrownBy(() -> WaitMode.parse(bad)).as("'%s'", bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown wait '" + bad + "'; valid: " + WaitMode.VALID).hasMessageNotContaining("\n");
        }
    }
}
