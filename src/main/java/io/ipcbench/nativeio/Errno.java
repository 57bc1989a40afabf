package io.ipcbench.nativeio;

import java.util.Map;

/** Linux errno symbols, so errors read "EACCES" rather than "13". */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int ENOSPC = 28;
    public static final int EPIPE = 32;
    public static final int ERANGE = 34;
    public static final int ENOMSG = 42;
    public static final int EIDRM = 43;
    public static final int EMSGSIZE = 90;
    public static final int EALREADY = 114;
    public static final int ECONNRESET = 104;
    public static final int EISCONN = 106;
    public static final int ENOTCONN = 107;
    public static final int ETIMEDOUT = 110;
    public static final int ETIME = 62;
    public static final int ENOSYS = 38;
    public static final int EOPNOTSUPP = 95;

    private static final Map<Integer, String> SYMBOLS = Map.ofEntries(
            Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(ESRCH, "ESRCH"),
            Map.entry(EINTR, "EINTR"), Map.entry(5, "EIO"), Map.entry(ENXIO, "ENXIO"),
            Map.entry(7, "E2BIG"), Map.entry(EBADF, "EBADF"), Map.entry(EAGAIN, "EAGAIN"),
            Map.entry(ENOMEM, "ENOMEM"), Map.entry(EACCES, "EACCES"), Map.entry(14, "EFAULT"),
            Map.entry(16, "EBUSY"), Map.entry(EEXIST, "EEXIST"), Map.entry(20, "ENOTDIR"),
            Map.entry(21, "EISDIR"), Map.entry(EINVAL, "EINVAL"), Map.entry(23, "ENFILE"),
            Map.entry(EMFILE, "EMFILE"), Map.entry(27, "EFBIG"), Map.entry(ENOSPC, "ENOSPC"),
            Map.entry(29, "ESPIPE"), Map.entry(EPIPE, "EPIPE"), Map.entry(ERANGE, "ERANGE"),
            Map.entry(35, "EDEADLK"), Map.entry(36, "ENAMETOOLONG"), Map.entry(ENOSYS, "ENOSYS"), Map.entry(ETIME, "ETIME"), Map.entry(EOPNOTSUPP, "EOPNOTSUPP"),
            Map.entry(ENOMSG, "ENOMSG"), Map.entry(EIDRM, "EIDRM"), Map.entry(EMSGSIZE, "EMSGSIZE"),
            Map.entry(98, "EADDRINUSE"), Map.entry(ECONNRESET, "ECONNRESET"), Map.entry(EISCONN, "EISCONN"), Map.entry(ENOTCONN, "ENOTCONN"),
            Map.entry(ETIMEDOUT, "ETIMEDOUT"), Map.entry(111, "ECONNREFUSED"),
            Map.entry(EALREADY, "EALREADY"));

    private Errno() {
    }

    public static String symbol(int errno) {
        return SYMBOLS.getOrDefault(errno, "errno " + errno);
    }
}
