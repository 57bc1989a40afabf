package io.ipcbench.hygiene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.ipcbench.nativeio.PosixMq;
import io.ipcbench.nativeio.Sys;
import io.ipcbench.nativeio.SysV;

/**
 * Finds the ledger entries of trials whose initiator is gone and removes what they recorded, after
 * proving each object is the one the trial made: a System V object must still be IPC_PRIVATE, owned
 * by this user, mode 0600 and carry the creation time recorded with it (ids are reused by the
 * kernel); a POSIX queue name must have the suite's random-name prefix; a directory must be a real
 * directory (not a link) with the private prefix, owned by this user, mode 0700 and carry the inode
 * number recorded with it. A peer still running from a dead trial is killed only if its start time
 * matches.
 *
 * <p>An entry that cannot be read or parsed is skipped and reported, never a reason to stop: the
 * entries after it are still reclaimed.
 */
public final class StaleObjects {
    private static final EnumSet<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private StaleObjects() {
    }

    /** Reclaims the stale entries of the ledger in {@link Ledger#directory()}; one line per thing removed or skipped. */
    public static List<String> reclaim() throws IOException {
        return reclaim(Ledger.directory());
    }

    /** The same for the ledger in {@code ledgerDirectory}. */
    public static List<String> reclaim(Path ledgerDirectory) throws IOException {
        List<String> removed = new ArrayList<>();
        for (Path entry : Ledger.entries(ledgerDirectory)) {
            List<String[]> lines;
            try {
                lines = parse(entry);
            } catch (IOException | RuntimeException e) {
                removed.add("skipped unreadable ledger entry " + entry.getFileName() + ": " + e.getMessage());
                continue;
            }
            if (lines == null) {
                removed.add("skipped malformed ledger entry " + entry.getFileName() + " (left in place)");
                continue;
            }
            if (alive(lines.get(0))) {
                continue; // a live trial
            }
            for (String[] line : lines) {
                String what = reclaimOne(line[0], line[1], Long.parseLong(line[2]));
                if (what != null) {
                    removed.add(what);
                }
            }
            Files.deleteIfExists(entry);
        }
        return removed;
    }

    /**
     * The kernel objects recorded in {@code entry} that are still there: System V objects as
     * recorded (same creator, mode and stamp) but for segments already marked for removal, and
     * POSIX queues whose names still exist. What a trial that is closing must not forget, or
     * nothing would ever remove them. Empty for an entry that cannot be read.
     */
    public static List<String> objectsLeft(Path entry) {
        List<String> left = new ArrayList<>();
        try {
            List<String[]> lines = parse(entry);
            for (String[] line : lines == null ? List.<String[]>of() : lines) {
                if (List.of("shm", "sem", "msg").contains(line[0])) {
                    SysV.IpcStat stat = SysV.stat(line[0], Integer.parseInt(line[1]));
                    // a segment marked for removal goes with its last detach (a trial stopped mid-run detaches at exit)
                    if (stat != null && stat.isOurs(Long.parseLong(line[2])) && !stat.removalPending()) {
                        left.add("System V " + line[0] + " " + line[1]);
                    }
                } else if (line[0].equals("mq") && line[1].startsWith(PosixMq.NAME_PREFIX) && PosixMq.exists(line[1])) {
                    left.add("POSIX queue " + line[1]);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // nothing known to be left
        }
        return left;
    }

    /**
     * The lines {@code <kind> <id> <stamp>} of an entry whose first line names its initiator, or null
     * if the entry does not have that shape (then nothing in it can be trusted).
     */
    private static List<String[]> parse(Path entry) throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(entry)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split(" ");
            if (fields.length != 3 || !isNumber(fields[2]) || (!fields[0].equals("dir") && !fields[0].equals("mq") && !isNumber(fields[1]))) {
                return null;
            }
            lines.add(fields);
        }
        return lines.isEmpty() || !lines.get(0)[0].equals("initiator") ? null : lines;
    }

    private static boolean isNumber(String field) {
        return !field.isEmpty() && field.length() < 19 && field.chars().allMatch(Character::isDigit);
    }

    private static boolean alive(String[] processLine) {
        return ProcessState.runs(Long.parseLong(processLine[1]), Long.parseLong(processLine[2]));
    }

    private static String reclaimOne(String kind, String id, long stamp) {
        try {
            switch (kind) {
                case "peer" -> {
                    if (alive(new String[] {kind, id, Long.toString(stamp)})) {
                        ProcessHandle.of(Long.parseLong(id)).ifPresent(ProcessHandle::destroyForcibly);
                        return "killed orphaned peer process " + id;
                    }
                    return null;
                }
                case "shm", "sem", "msg" -> {
                    int ipcId = Integer.parseInt(id);
                    SysV.IpcStat stat = SysV.stat(kind, ipcId);
                    if (stat == null || !stat.isOurs(stamp)) {
                        return null; // gone, or reused by someone else: not ours to remove
                    }
                    switch (kind) {
                        case "shm" -> SysV.shmRemove(ipcId);
                        case "sem" -> SysV.semRemove(ipcId);
                        default -> SysV.msgRemove(ipcId);
                    }
                    return "removed System V " + kind + " " + id;
                }
                case "mq" -> {
                    if (!id.startsWith(PosixMq.NAME_PREFIX)) {
                        return null;
                    }
                    return PosixMq.unlinkIfPresent(id) ? "removed POSIX queue " + id : null;
                }
                case "dir" -> {
                    Path dir = Path.of(id);
                    if (!isOurPrivateDir(dir, stamp)) {
                        return null;
                    }
                    PrivateDir.delete(dir);
                    return "removed directory " + id;
                }
                default -> {
                    return null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return "could not remove " + kind + " " + id + ": " + e.getMessage();
        }
    }

    /** The directory a trial made: not a link, our prefix, our uid, 0700, the recorded inode. */
    private static boolean isOurPrivateDir(Path dir, long inode) throws IOException {
        if (dir.getFileName() == null || !dir.getFileName().toString().startsWith(PrivateDir.PREFIX)
                || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        int uid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        long ino = (Long) Files.getAttribute(dir, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        return uid == Sys.getuid() && ino == inode
                && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY);
    }
}
