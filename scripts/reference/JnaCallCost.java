import java.util.Arrays;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * What one system call costs a Java program through JNA, bound as the suite binds libc (direct
 * mapping, pointers as long addresses, no exception declared on the polled calls): the same loops
 * as callcost.c — read(2) on an empty non-blocking pipe, then getppid(2) — and errno read after
 * each failed read, as the suite's polled reads do. The difference from callcost.c, run on the same
 * CPU in the same minute, is what JNA adds to every call. Run with the build's class path (JNA at the
 * pom's version; {@code target/classpath.txt} is written by {@code mvn install}):
 *
 *   taskset -c 1 java -cp "$(cat target/classpath.txt)" scripts/reference/JnaCallCost.java [calls_per_round]
 */
public final class JnaCallCost {
    private static final int ROUNDS = 7;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    private static final int EAGAIN = 11;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    static native long read(int fd, long buf, long count);

    static native int getppid();

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    public static void main(String[] args) {
        long calls = 2_000_000;
        if (args.length > 0) {
            try {
                calls = Long.parseLong(args[0]);
            } catch (NumberFormatException e) {
                calls = 0;
            }
            if (calls < 1) {
                System.err.println("JnaCallCost: calls_per_round must be a whole number of at least 1, not '" + args[0] + "'");
                System.exit(2);
            }
        }
        int[] fds = new int[2];
        pipe2(fds, O_NONBLOCK | O_CLOEXEC);
        Memory buffer = new Memory(64);
        long address = Pointer.nativeValue(buffer);
        long[] readNs = new long[ROUNDS];
        long[] getppidNs = new long[ROUNDS];
        long wouldBlock = 0;
        long parent = 0;
        // the first rounds run while the JIT compiles the loops; the median is of all seven, as in C
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                if (read(fds[0], address, 64) == -1 && Native.getLastError() == EAGAIN) {
                    wouldBlock++;
                }
            }
            long t1 = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                parent += getppid();
            }
            long t2 = System.nanoTime();
            readNs[r] = t1 - t0;
            getppidNs[r] = t2 - t1;
        }
        if (wouldBlock != calls * ROUNDS || parent != (long) getppid() * calls * ROUNDS) {
            System.err.println("JnaCallCost: a read of the empty pipe did not fail with EAGAIN");
            System.exit(1);
        }
        System.out.printf("jna: read(EAGAIN) %.1f ns, getppid %.1f ns a call (median of %d rounds of %d calls; Java %s)%n",
                median(readNs, calls), median(getppidNs, calls), ROUNDS, calls, Runtime.version());
    }

    private static double median(long[] roundNs, long calls) {
        long[] sorted = roundNs.clone();
        Arrays.sort(sorted);
        return (double) sorted[ROUNDS / 2] / calls;
    }
}
