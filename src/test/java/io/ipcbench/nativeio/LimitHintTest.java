package io.ipcbench.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Each errno of a failed create names the limit that refused, with its value and the setting to
 * change, and never a neighbour that shares the errno (issue 9: "never blame the wrong thing").
 */
class LimitHintTest {
    private static final long NO_LIMIT = Long.MAX_VALUE;
    private static final long PAGE = 4096;
    private static final long MIB = 1 << 20;

    private static LimitHint.ShmState shm(long shmallPages, long shmmni, long segments, long pagesInUse) {
        return new LimitHint.ShmState(NO_LIMIT, shmallPages, shmmni, segments, pagesInUse, PAGE, "0");
    }

    @Test
    void noSegmentIdLeftNamesShmmniNotShmall() {
        String hint = LimitHint.shmget(Errno.ENOSPC, 8 * MIB, shm(NO_LIMIT, 1, 1, 2048));
        assertThat(hint).startsWith("kernel.shmmni = 1: every segment id is taken (1 segments exist); raise kernel.shmmni")
                .doesNotContain("shmall");
    }

    @Test
    void pagesBeyondShmallNameShmall() {
        // 2048 pages in use, 2048 more asked for, 3000 allowed
        String hint = LimitHint.shmget(Errno.ENOSPC, 8 * MIB, shm(3000, 4096, 5, 2048));
        assertThat(hint).startsWith("kernel.shmall = 3000 pages: 2048 are in use and this segment needs 2048; raise kernel.shmall")
                .doesNotContain("shmmni");
    }

    @Test
    void shmallIsCheckedBeforeTheIds() {
        // both exhausted: newseg() refuses on the pages before it looks for an id
        assertThat(LimitHint.shmget(Errno.ENOSPC, 8 * MIB, shm(100, 1, 1, 100))).startsWith("kernel.shmall");
    }

    @Test
    void unknownUsageNamesBothLimits() {
        assertThat(LimitHint.shmget(Errno.ENOSPC, 8 * MIB, shm(NO_LIMIT, 1, -1, -1))).contains("kernel.shmmni = 1").contains("kernel.shmall");
    }

    @Test
    void aSegmentAboveShmmaxNamesShmmax() {
        LimitHint.ShmState state = new LimitHint.ShmState(MIB, NO_LIMIT, 4096, 0, 0, PAGE, "0");
        assertThat(LimitHint.shmget(Errno.EINVAL, 8 * MIB, state))
                .isEqualTo("kernel.shmmax = 1048576 bytes is less than the 8388608 asked for; raise kernel.shmmax");
        assertThat(LimitHint.shmget(Errno.EINVAL, 1024, state)).isEmpty(); // not shmmax's doing
    }

    @Test
    void outOfMemoryBlamesNoShmLimit() {
        assertThat(LimitHint.shmget(Errno.ENOMEM, 1L << 62, shm(NO_LIMIT, 4096, 0, 0)))
                .contains("would not commit 4611686018427387904 bytes").contains("vm.overcommit_memory = 0").doesNotContain("kernel.shm");
    }

    private static LimitHint.MqState mq(long openFds, long openFdsMax) {
        return new LimitHint.MqState(10, 8192, 256, 819200, openFds, openFdsMax);
    }

    @Test
    void noQueueLeftNamesQueuesMax() {
        assertThat(LimitHint.mqOpen(Errno.ENOSPC, 10, 8192, mq(20, 1024)))
                .startsWith("fs.mqueue.queues_max = 256: no more POSIX queues may exist on this machine (root is exempt); raise fs.mqueue.queues_max");
    }

    @Test
    void tooManyWithDescriptorsToSpareNamesTheQueueMemoryLimit() {
        assertThat(LimitHint.mqOpen(Errno.EMFILE, 10, 8192, mq(20, 1024)))
                .startsWith("RLIMIT_MSGQUEUE (ulimit -q) = 819200 bytes caps this user's POSIX queues, and this one needs 81920 more")
                .doesNotContain("RLIMIT_NOFILE");
    }

    @Test
    void tooManyWithEveryDescriptorTakenNamesTheDescriptorLimit() {
        assertThat(LimitHint.mqOpen(Errno.EMFILE, 10, 8192, mq(1024, 1024)))
                .isEqualTo("RLIMIT_NOFILE (ulimit -n) = 1024 descriptors are open; raise it");
        assertThat(LimitHint.mqOpen(Errno.EMFILE, 10, 8192, mq(-1, 1024))).contains("RLIMIT_MSGQUEUE").contains("RLIMIT_NOFILE");
    }

    @Test
    void anAttributeAboveTheCapsNamesThem() {
        assertThat(LimitHint.mqOpen(Errno.EINVAL, 20, 16384, mq(20, 1024)))
                .isEqualTo("fs.mqueue.msgsize_max = 8192, fs.mqueue.msg_max = 10 (asked for 20 messages of 16384 bytes)");
    }

    @Test
    void otherErrorsGetNoHint() {
        assertThat(LimitHint.mqOpen(Errno.EACCES, 10, 8192, mq(20, 1024))).isEmpty();
        assertThat(LimitHint.shmget(Errno.EACCES, 64, shm(NO_LIMIT, 4096, 0, 0))).isEmpty();
    }

    @Test
    void theStateIsReadFromProc() {
        LimitHint.ShmState shm = LimitHint.ShmState.read();
        assertThat(shm.shmmni()).isEqualTo(KernelLimits.readLong(KernelLimits.SHMMNI, -2));
        assertThat(shm.segments()).isGreaterThanOrEqualTo(0);
        assertThat(shm.pageSize()).isPositive();
        LimitHint.MqState mq = LimitHint.MqState.read();
        assertThat(mq.queuesMax()).isEqualTo(KernelLimits.readLong(KernelLimits.MQ_QUEUES_MAX, -2));
        assertThat(mq.openFds()).isPositive().isLessThan(mq.openFdsMax());
        assertThat(mq.queueBytesMax()).isPositive();
    }
}
