package io.ipcbench.ab;

/** scripts/ab could not finish (a build failed, a patch did not apply): one line, exit {@link #EXIT}, not bad input. */
public final class RunFailure extends RuntimeException {
    /** Not 1 (a slower row with --fail-on-regression) nor 2 (bad input). */
    public static final int EXIT = 3;
    private static final long serialVersionUID = 1L;

    public RunFailure(String message) {
        super(message, null, false, false);
    }
}
