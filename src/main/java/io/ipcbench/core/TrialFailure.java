package io.ipcbench.core;

/**
 * A trial that cannot go on: a dead or silent peer, a corrupt message, an impossible configuration.
 * The message is the whole story (which transport, what happened), so no stack trace is kept: JMH
 * and the launcher print it as one line.
 */
public final class TrialFailure extends RuntimeException {
    public TrialFailure(String message) {
        super(message, null, false, false);
    }
}
