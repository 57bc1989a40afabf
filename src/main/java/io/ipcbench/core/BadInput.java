package io.ipcbench.core;

/** A mistake in what the user gave (an option, a value, a file): one line, exit 2, no stack trace. */
public final class BadInput extends RuntimeException {
    public static final int EXIT = 2;

    public BadInput(String message) {
        super(message, null, false, false);
    }
}
