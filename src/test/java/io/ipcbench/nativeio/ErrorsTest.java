package io.ipcbench.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one place that reads errno: EAGAIN answered for a call that polls, an error named with its errno and object. */
class ErrorsTest {
    @Test
    void aPolledReadOfAnEmptyPipeWouldBlockAndAWaitingOneOfABadDescriptorNamesItsErrno() {
        int[] pipe = Sys.pipe("test pipe");
        try (NativeMemory buffer = new NativeMemory(8)) {
            Sys.setNonBlocking(pipe[0], true, "test pipe");
            assertThat(Sys.readNow(pipe[0], buffer.address(), 8, "test pipe")).isEqualTo(Sys.WOULD_BLOCK);
            buffer.putLong(0, 42);
            assertThat(Sys.writeNow(pipe[1], buffer.address(), 8, "test pipe")).isEqualTo(8);
            assertThat(Sys.readNow(pipe[0], buffer.address(), 8, "test pipe")).isEqualTo(8);
            // a call that waits is not told EAGAIN: on a non-blocking descriptor it is an error like any other
            assertThatThrownBy(() -> Sys.read(pipe[0], buffer.address(), 8, "test pipe")).isInstanceOf(NativeException.class)
                    .hasMessageStartingWith("read(test pipe): EAGAIN (").matches(e -> ((NativeException) e).errno() == Errno.EAGAIN);
        } finally {
            Sys.close(pipe[0]);
            Sys.close(pipe[1]);
        }
        assertThatThrownBy(() -> Sys.readNow(-1, 0, 8, "no descriptor")).isInstanceOf(NativeException.class)
                .hasMessage("read(no descriptor): EBADF (Bad file descriptor)");
    }

    @Test
    void anExpectedErrnoComesBackAndTheObjectIsFormattedOnlyForTheException() {
        // errno is what JNA kept of the last call on this thread: make one that fails with EBADF
        LibC.read(-1, 0, 0);
        assertThat(Errors.expecting(-1, Errno.EBADF, 0, "read", "fd %d", -1, 0)).isEqualTo(-Errno.EBADF);
        assertThat(Errors.check(7, "read", "fd %d", -1, 0)).isEqualTo(7);
        LibC.read(-1, 0, 0);
        assertThatThrownBy(() -> Errors.checkNow(-1, "msgsnd", "msqid %d, %d bytes", 5, 64)).isInstanceOf(NativeException.class)
                .hasMessage("msgsnd(msqid 5, 64 bytes): EBADF (Bad file descriptor)");
    }
}
