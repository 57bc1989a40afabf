package io.ipcbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The -p capacity= values: "default" or plain digits in range, read back as written; anything else is one line saying what is valid. */
class CapacityTest {

    @Test
    void everyValueReadsBackToItsLabel() {
        for (String label : List.of("default", "4096", "65536", "1048576", "1073741824")) {
            assertThat(Capacity.parse(label).label()).isEqualTo(label);
        }
        assertThat(Capacity.parse("default").isDefault()).isTrue();
        assertThat(Capacity.parse("65536").bytes()).isEqualTo(65536);
    }

    @Test
    void anythingElseIsOneLineNamingTheValidValues() {
        for (String bad : List.of("", "Default", "64k", "064", "+4096", " 4096", "4096.0", "-4096", "1e6")) {
            assertThatThrownBy(() -> Capacity.parse(bad)).as("'%s'", bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("capacity '" + bad + "' is not a number of bytes; valid: " + Capacity.VALID).hasMessageNotContaining("\n");
        }
        for (String outOfRange : List.of("1", "4095", "1073741825", "99999999999999999")) {
            assertThatThrownBy(() -> Capacity.parse(outOfRange)).as(outOfRange).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("capacity " + outOfRange + " is out of range; valid: ").hasMessageNotContaining("\n");
        }
    }
}
