package io.ipcbench.nativeio;

import com.sun.jna.LastErrorException;

/** A failed libc call: names the call, the errno symbol and the object it was made on. */
public final class NativeException extends RuntimeException {
    private final int errno;

    public NativeException(String call, Object object, int errno, String description) {
        super(call + "(" + object + "): " + Errno.symbol(errno) + " (" + description + ")");
        this.errno = errno;
    }

    private NativeException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The same failure with more said about it (the kernel limit behind it); itself if {@code hint} is empty. */
    NativeException withHint(String hint) {
        return hint.isEmpty() ? this : new NativeException(getMessage() + "; " + hint, errno);
    }

    static NativeException of(String call, Object object, LastErrorException e) {
        return new NativeException(call, object, e.getErrorCode(), strerror(e));
    }

    /** JNA formats its message as "[errno] text"; keep the text. */
    private static String strerror(LastErrorException e) {
        String message = String.valueOf(e.getMessage());
        int close = message.indexOf(']');
        return close >= 0 ? message.substring(close + 1).trim() : message;
    }

    public int errno() {
        return errno;
    }
}
