package io.ipcbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.report.Charts.WakeUpShare;

/**
 * The decomposition of a blocking round trip: only round trips measured both blocking and spinning
 * pair up (whatever the blocking row's spelling: by design, or wait=block), their difference is the
 * wake-ups', and report.html shows the table and the chart.
 */
class WakeUpShareTest {
    private static final double[][] BLOCK = {{40, 40}, {41, 41}, {39, 39}};
    private static final double[][] SPIN = {{4, 4}, {4, 4}, {4, 4}};

    @Test
    void aRoundTripMeasuredBothWaysIsTakenApart(@TempDir Path dir) throws Exception {
        Path run = new RunFixture()
                .waiting("default").roundTrip("pipe", "64", BLOCK, 1000)
                .waiting("spin").roundTrip("pipe", "64", SPIN, 1000)
                .waiting("block").roundTrip("sysv-mq", "64", BLOCK, 1000)
                .waiting("spin").roundTrip("sysv-mq", "64", SPIN, 1000)
                .waiting("default").roundTrip("uds", "64", BLOCK, 1000) // blocking only: nothing to take apart
                .waiting("default").roundTrip("shm-spin", "64", SPIN, 1000) // spins by design: no blocking partner
                .waiting("backoff").roundTrip("pipe", "64", SPIN, 1000) // backoff is neither
                .write(dir.resolve("run"));
        List<WakeUpShare> shares = WakeUpShare.of(ResultSet.load(run).rows());
        assertThat(shares).extracting(WakeUpShare::transport).containsExactly("pipe", "sysv-mq");
        WakeUpShare pipe = shares.get(0);
        // the fixture's p50 is 0.9 × the iteration's mean; medians over forks
        assertThat(pipe.blockP50()).isCloseTo(36, within(1e-9));
        assertThat(pipe.spinP50()).isCloseTo(3.6, within(1e-9));
        assertThat(pipe.wakeUp()).isCloseTo(32.4, within(1e-9));
        assertThat(pipe.share()).isCloseTo(0.9, within(1e-9));

        Report.render(ResultSet.load(run), run, 64);
        String html = Files.readString(run.resolve("report.html"));
        assertThat(html).contains("The wake-up's share of a round trip").contains("<td>pipe</td><td>64</td>").contains("90 %");
        assertThat(run.resolve("wakeup.png")).exists();
    }

    @Test
    void nothingMeasuredBothWaysAddsNothing(@TempDir Path dir) throws Exception {
        Path run = new RunFixture().roundTrip("pipe", "64", BLOCK, 1000).write(dir.resolve("run"));
        assertThat(WakeUpShare.of(ResultSet.load(run).rows())).isEmpty();
        Report.render(ResultSet.load(run), run, 64);
        assertThat(Files.readString(run.resolve("report.html"))).doesNotContain("wake-up's share");
        assertThat(run.resolve("wakeup.png")).doesNotExist();
    }
}
