package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Units a person reads, never 1E4: the same rules as the page's script (report.js). */
class FormatsTest {
    @Test
    void sizesInBinaryUnits() {
        assertThat(Formats.bytes(64)).isEqualTo("64 B");
        assertThat(Formats.bytes(1000)).isEqualTo("1000 B");
        assertThat(Formats.bytes(1024)).isEqualTo("1 KiB");
        assertThat(Formats.bytes(65536)).isEqualTo("64 KiB");
        assertThat(Formats.bytes(72089)).isEqualTo("70.4 KiB");
        assertThat(Formats.bytes(1048576)).isEqualTo("1 MiB");
        assertThat(Formats.bytes(8L << 30)).isEqualTo("8 GiB");
    }

    @Test
    void timesInTheUnitThatReadsBest() {
        assertThat(Formats.micros(0.117)).isEqualTo("117 ns");
        assertThat(Formats.micros(12.34)).isEqualTo("12.3 µs");
        assertThat(Formats.micros(1250)).isEqualTo("1.25 ms");
        assertThat(Formats.micros(2.1e6)).isEqualTo("2.10 s");
        assertThat(Formats.nanos(850)).isEqualTo("850 ns");
        assertThat(Formats.micros(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void ratesInThousandsAndMillions() {
        assertThat(Formats.rate(950)).isEqualTo("950 msg/s");
        assertThat(Formats.rate(12_345)).isEqualTo("12.3 k msg/s");
        assertThat(Formats.rate(1_200_000)).isEqualTo("1.20 M msg/s");
        assertThat(Formats.megabytes(10_234.5)).isEqualTo("10,235 MB/s");
    }

    @Test
    void ticksDropTheZerosThatFiguresKeep() {
        assertThat(Charts.tick(Formats.micros(1))).isEqualTo("1 µs");
        assertThat(Charts.tick(Formats.micros(10))).isEqualTo("10 µs");
        assertThat(Charts.tick(Formats.micros(2.5))).isEqualTo("2.50 µs");
        assertThat(Charts.tick(Formats.rate(1e6))).isEqualTo("1 M msg/s");
    }
}
