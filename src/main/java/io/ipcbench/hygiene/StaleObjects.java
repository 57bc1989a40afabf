package io.ipcbench.hygiene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ipcbench.nativeio.PosixMq;
import io.ipcbench.nativeio.SysV;
import io.ipcbench.transport.PrivateDir;

/**
 * Finds the ledger entries of trials whose initiator is gone and removes what they recorded, after
 * proving each object is the one the trial made: a System V object must still be IPC_PRIVATE, owned
 * by this user, mode 0600 and carry the creation time recorded with it (ids are reused by the
 * kernel); a POSIX queue name must have the suite's random-name prefix; a directory the private
 * prefix. A peer still running from a dead trial is killed only if its start time matches.
 */
public final class StaleObjects {
    private StaleObjects() {
    }

    /** @return one line per thing removed */
    public static List<String> reclaim() throws IOException {
        List<String> removed = new ArrayList<>();
        for (Path entry : Ledger.entries()) {
            List<String[]> lines = new ArrayList<>();
            for (String line : Files.readAllLines(entry)) {
                String[] fields = line.trim().split(" ");
                if (fields.length == 3) {
                    lines.add(fields);
                }
            }
            if (lines.isEmpty() || !lines.get(0)[0].equals("initiator") || alive(lines.get(0))) {
                continue; // a live trial (or not ours to judge)
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

    private static boolean alive(String[] processLine) {
        long pid = Long.parseLong(processLine[1]);
        return ProcessHandle.of(pid)
                .filter(p -> !ProcessState.hasExited(pid))
                .filter(p -> Ledger.startMillis(p) == Long.parseLong(processLine[2]))
                .isPresent();
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
                    if (!id.startsWith("/ipc-bench-")) {
                        return null;
                    }
                    return PosixMq.unlinkIfPresent(id) ? "removed POSIX queue " + id : null;
                }
                case "dir" -> {
                    Path dir = Path.of(id);
                    if (!dir.getFileName().toString().startsWith(PrivateDir.PREFIX) || !Files.isDirectory(dir)) {
                        return null;
                    }
                    PrivateDir.delete(dir);
                    return "removed directory " + id;
                }
                default -> {
                    return null;
                }
            }
        } catch (RuntimeException e) {
            return "could not remove " + kind + " " + id + ": " + e.getMessage();
        }
    }
}
