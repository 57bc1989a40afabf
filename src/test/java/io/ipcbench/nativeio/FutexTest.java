package io.ipcbench.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A futex wait's expected failures come back as outcomes, read from errno without an exception:
 * a word that no longer holds the expected value returns at once, and a wait nobody ends times out.
 */
class FutexTest {
    @Test
    void aWordThatChangedReturnsAtOnce() {
        try (NativeMemory word = new NativeMemory(4); NativeMemory timeout = timespec(10_000_000L)) {
            word.putInt(0, 7);
            assertThat(Futex.await(word.address(), 6, timeout.address())).isEqualTo(Futex.Outcome.CHANGED);
        }
    }

    @Test
    void aWaitNobodyEndsTimesOut() {
        try (NativeMemory word = new NativeMemory(4); NativeMemory timeout = timespec(1_000_000L)) {
            assertThat(Futex.await(word.address(), 0, timeout.address())).isEqualTo(Futex.Outcome.TIMED_OUT);
        }
    }

    @Test
    void wakingAWordNobodyWaitsOnIsFine() {
        try (NativeMemory word = new NativeMemory(4)) {
            Futex.wake(word.address(), 1);
        }
    }

    private static NativeMemory timespec(long nanos) {
        NativeMemory timespec = new NativeMemory(16);
        timespec.putLong(8, nanos);
        return timespec;
    }
}
