package io.ipcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ipcbench.cli.SweepPlan.Group;
import io.ipcbench.core.BadInput;
import io.ipcbench.nativeio.KernelLimits;

/**
 * A sweep runs what it can: the impossible combinations are skipped with their reason, the rest is
 * cut into rectangular groups (one JMH run each) that hold every runnable combination exactly once,
 * and a sweep in which nothing can run, or with a bad value, is refused. No JMH run is needed.
 */
class SweepPlanTest {
    private static final String SPIN_SAME_CORE = "shm-spin cannot run same-core: each side spins on a whole CPU, "
            + "so sharing one would only measure the scheduler; use cross-core or unpinned";

    @Test
    void aSweepWithNothingImpossibleIsOneWholeRun() {
        SweepPlan plan = SweepPlan.of(List.of("pipe", "shm-spin"), List.of("64", "1024"), List.of("cross-core"));
        assertThat(plan.isWhole()).isTrue();
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.groups()).containsExactly(new Group(List.of("pipe", "shm-spin"), List.of("64", "1024"), List.of("cross-core"), "default"));
    }

    /** The sweep of issue 14, item 3. */
    @Test
    void shmSpinSameCoreIsSkippedAndTheRestRuns() {
        SweepPlan plan = SweepPlan.of(List.of("pipe", "shm-spin"), List.of("64"), List.of("cross-core", "same-core"));
        assertThat(plan.isWhole()).isFalse();
        assertThat(plan.skippedLines()).containsExactly("transport=shm-spin payload=64 placement=same-core: " + SPIN_SAME_CORE);
        assertThat(plan.groups()).containsExactly(
                new Group(List.of("pipe"), List.of("64"), List.of("cross-core", "same-core"), "default"),
                new Group(List.of("shm-spin"), List.of("64"), List.of("cross-core"), "default"));
    }

    /** Kernel limits refuse by payload, the spinning transport by placement: both at once still cover the rest exactly. */
    @Test
    void aPayloadTheKernelCannotHoldIsSkippedBesideAPlacement() {
        SweepPlan plan;
        try (var msgmax = KernelLimits.override(KernelLimits.MSGMAX, "8192"); var msgmnb = KernelLimits.override(KernelLimits.MSGMNB, "4096")) {
            plan = SweepPlan.of(List.of("pipe", "sysv-mq", "shm-spin", "fifo"), List.of("64", "65536"), List.of("cross-core", "same-core"));
        }
        assertThat(plan.skipped()).extracting(s -> s.transport() + " " + s.payload() + " " + s.placement()).containsExactly(
                "sysv-mq 65536 cross-core", "sysv-mq 65536 same-core", "shm-spin 64 same-core", "shm-spin 65536 same-core");
        assertThat(plan.skipped().get(0).reason()).startsWith("sysv-mq: payload 65536 travels in 8192-byte messages");
        assertThat(plan.groups()).containsExactly(
                new Group(List.of("pipe", "fifo"), List.of("64", "65536"), List.of("cross-core", "same-core"), "default"),
                new Group(List.of("sysv-mq"), List.of("64"), List.of("cross-core", "same-core"), "default"),
                new Group(List.of("shm-spin"), List.of("64", "65536"), List.of("cross-core"), "default"));
        assertCoversExactly(plan, List.of("pipe", "sysv-mq", "shm-spin", "fifo"), List.of("64", "65536"), List.of("cross-core", "same-core"));
    }

    /** One transport whose runnable cells are no rectangle: an L is split into two rectangles. */
    @Test
    void aShapeThatIsNoRectangleIsSplit() {
        SweepPlan plan = SweepPlan.plan(List.of("a"), List.of("64", "1024", "4096"), List.of("x", "y"), List.of("default"), List.of("default"),
                (transport, payload, placement, wait, capacity) -> {
            if (placement.equals("y") && !payload.equals("64")) {
                throw new IllegalArgumentException("too big for y");
            }
        });
        assertThat(plan.groups()).containsExactly(
                new Group(List.of("a"), List.of("64", "1024", "4096"), List.of("x"), "default"),
                new Group(List.of("a"), List.of("64"), List.of("y"), "default"));
        assertThat(plan.skippedLines()).containsExactly("transport=a payload=1024 placement=y: too big for y",
                "transport=a payload=4096 placement=y: too big for y");
    }

    /** Whatever the pattern of refusals, every runnable cell is in exactly one group and no skipped one is in any. */
    @Test
    void groupsCoverEveryRunnableCombinationOnce() {
        List<String> transports = List.of("a", "b", "c", "d");
        List<String> payloads = List.of("1", "2", "3");
        List<String> placements = List.of("x", "y", "z");
        Random random = new Random(14);
        for (int sweep = 0; sweep < 200; sweep++) {
            Set<String> refused = new HashSet<>();
            transports.forEach(t -> payloads.forEach(p -> placements.forEach(l -> {
                if (random.nextInt(3) == 0) {
                    refused.add(t + " " + p + " " + l);
                }
            })));
            SweepPlan plan = SweepPlan.plan(transports, payloads, placements, List.of("default"), List.of("default"),
                (transport, payload, placement, wait, capacity) -> {
                if (refused.contains(transport + " " + payload + " " + placement)) {
                    throw new IllegalArgumentException("refused");
                }
            });
            assertThat(plan.skipped()).hasSize(refused.size());
            assertCoversExactly(plan, transports, payloads, placements);
        }
    }

    /**
     * With -p wait= every transport runs every wait it can; the ways it cannot wait are skipped with
     * its reason, one group per wait, and together they still cover every runnable cell once.
     */
    @Test
    void waitsATransportCannotDoAreSkippedWithItsReason() {
        SweepPlan plan = SweepPlan.of(List.of("pipe", "shm-spin", "uds-jdk"), List.of("64"), List.of("cross-core"),
                List.of("block", "spin", "backoff"), null);
        assertThat(plan.skipped()).extracting(s -> s.transport() + " " + s.waitMode()).containsExactly(
                "shm-spin block", "shm-spin backoff", "uds-jdk spin", "uds-jdk backoff");
        assertThat(plan.skipped().get(0).reason()).startsWith("shm-spin cannot run wait=block: it is the ring polled on its counters");
        assertThat(plan.skipped().get(2).reason()).startsWith("uds-jdk cannot run wait=spin: it shows what the JDK's blocking");
        assertThat(plan.groups()).containsExactly(
                new Group(List.of("pipe"), List.of("64"), List.of("cross-core"), "block"),
                new Group(List.of("pipe"), List.of("64"), List.of("cross-core"), "spin"),
                new Group(List.of("pipe"), List.of("64"), List.of("cross-core"), "backoff"),
                new Group(List.of("shm-spin"), List.of("64"), List.of("cross-core"), "spin"),
                new Group(List.of("uds-jdk"), List.of("64"), List.of("cross-core"), "block"));
    }

    /** With -p capacity= the mechanisms that cannot size their buffers are skipped with their reason; the others run every value. */
    @Test
    void capacitiesAMechanismCannotSetAreSkippedWithItsReason() {
        SweepPlan plan = SweepPlan.of(List.of("pipe", "agrona-ring"), List.of("64"), List.of("cross-core"), null,
                List.of("default", "65536"));
        assertThat(plan.skippedLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("transport=agrona-ring payload=64 placement=cross-core capacity=65536: agrona-ring cannot run capacity=65536: "));
        assertThat(plan.groups()).containsExactly(
                new Group(List.of("pipe"), List.of("64"), List.of("cross-core"), "default", "default"),
                new Group(List.of("pipe"), List.of("64"), List.of("cross-core"), "default", "65536"),
                new Group(List.of("agrona-ring"), List.of("64"), List.of("cross-core"), "default", "default"));
        assertThat(plan.groups().get(1).line()).isEqualTo("transport=pipe payload=64 placement=cross-core capacity=65536");
        assertThatThrownBy(() -> SweepPlan.of(List.of("pipe"), List.of("64"), List.of("cross-core"), null, List.of("64k")))
                .isInstanceOf(BadInput.class).hasMessageStartingWith("capacity '64k' is not a number of bytes; valid: default");
    }

    @Test
    void aBadWaitRefusesTheRun() {
        assertThatThrownBy(() -> SweepPlan.of(List.of("pipe"), List.of("64"), List.of("cross-core"), List.of("spin", "nap"), null))
                .isInstanceOf(BadInput.class).hasMessageStartingWith("unknown wait 'nap'; valid: default (each transport as it waits by design)");
    }

    @Test
    void nothingPossibleIsRefusedWithTheExistingLine() {
        assertThatThrownBy(() -> SweepPlan.of(List.of("shm-spin"), List.of("64", "1024"), List.of("same-core")))
                .isInstanceOf(BadInput.class).hasMessage(SPIN_SAME_CORE);
        try (var msgmax = KernelLimits.override(KernelLimits.MSGMAX, "8192"); var msgmnb = KernelLimits.override(KernelLimits.MSGMNB, "4096")) {
            assertThatThrownBy(() -> SweepPlan.of(List.of("sysv-mq"), List.of("65536", "1048576"), List.of("cross-core")))
                    .isInstanceOf(BadInput.class).hasMessageStartingWith("sysv-mq: payload 65536 travels in 8192-byte messages");
        }
    }

    /** A typo is the user's mistake, not a combination to skip: the whole run is refused, as before. */
    @Test
    void aBadValueRefusesTheRunEvenBesideGoodOnes() {
        assertThatThrownBy(() -> SweepPlan.of(List.of("pipe", "carrier-pigeon"), List.of("64"), List.of("cross-core")))
                .isInstanceOf(BadInput.class).hasMessageStartingWith("unknown transport 'carrier-pigeon'; valid: pipe, fifo");
        assertThatThrownBy(() -> SweepPlan.of(List.of("pipe"), List.of("64"), List.of("cross-core", "far-away")))
                .isInstanceOf(BadInput.class).hasMessageStartingWith("unknown placement 'far-away'");
        assertThatThrownBy(() -> SweepPlan.of(List.of("pipe"), List.of("64", "abc"), List.of("cross-core")))
                .isInstanceOf(BadInput.class).hasMessageStartingWith("payload 'abc' is not a number of bytes");
    }

    private static void assertCoversExactly(SweepPlan plan, List<String> transports, List<String> payloads, List<String> placements) {
        List<String> inGroups = plan.groups().stream().flatMap(g -> g.transports().stream().flatMap(t -> g.payloads().stream()
                .flatMap(p -> g.placements().stream().map(l -> t + " " + p + " " + l)))).toList();
        assertThat(new HashSet<>(inGroups)).as("no combination in two groups").hasSize(inGroups.size());
        Set<String> skipped = new HashSet<>(plan.skipped().stream().map(s -> s.transport() + " " + s.payload() + " " + s.placement()).toList());
        Set<String> all = new HashSet<>();
        transports.forEach(t -> payloads.forEach(p -> placements.forEach(l -> all.add(t + " " + p + " " + l))));
        Set<String> runnable = new HashSet<>(all);
        runnable.removeAll(skipped);
        assertThat(new HashSet<>(inGroups)).isEqualTo(runnable);
    }
}
