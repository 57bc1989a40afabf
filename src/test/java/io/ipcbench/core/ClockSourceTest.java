package io.ipcbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which clock sources time one way (issue 28, item 3), and the direction param's one-line error. */
class ClockSourceTest {
    @Test
    void aClockEveryCpuReadsAlikeTimesOneWay() {
        for (String shared : new String[] {"tsc", "kvm-clock", "hpet", "acpi_pm"}) {
            assertThat(ClockSource.refusal(shared)).as(shared).isNull();
        }
    }

    @Test
    void anyOtherIsRefusedInOneLine() {
        for (String other : new String[] {"jiffies", "refined-jiffies", "unknown (cannot read the file)"}) {
            assertThat(ClockSource.refusal(other)).as(other).contains("the clock source is " + other).doesNotContain("\n");
        }
    }

    @Test
    void thisMachinesClockSourceIsRead() {
        assertThat(ClockSource.current()).isNotBlank();
    }

    @Test
    void directionIsRoundTripOrOneWay() {
        assertThat(LoadDirection.parse("roundtrip")).isEqualTo(LoadDirection.ROUNDTRIP);
        assertThat(LoadDirection.parse("oneway").peerMode()).isEqualTo(PeerMode.SINK);
        assertThatThrownBy(() -> LoadDirection.parse("one-way")).isInstanceOf(BadInput.class)
                .hasMessage("direction 'one-way': give roundtrip (the default: echoed, timed there and back) or oneway"
                        + " (timed by the receiver from each message's slot)");
    }
}
