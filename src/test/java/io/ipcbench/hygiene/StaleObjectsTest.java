package io.ipcbench.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipcbench.nativeio.SysV;

/**
 * The clean-up removes what dead trials recorded and only that: a bad entry is skipped and reported
 * without stopping the others, and a recorded directory must still be the one the trial made.
 */
class StaleObjectsTest {
    /** pid 1 never runs a trial of ours: its start time cannot match the one recorded. */
    private static final String DEAD_INITIATOR = "initiator 1 1\n";

    @TempDir
    Path ledger;

    @Test
    void aMalformedEntryIsSkippedAndTheEntriesAfterItAreStillReclaimed() throws Exception {
        int first = SysV.msgCreate();
        int second = SysV.msgCreate();
        try {
            writeEntry("1-aaaa.trial", DEAD_INITIATOR + "msg " + first + " " + SysV.stat("msg", first).changeTime() + "\n");
            writeEntry("1-bbbb.trial", "this is not a ledger entry\n");
            writeEntry("1-cccc.trial", DEAD_INITIATOR + "msg " + second + " " + SysV.stat("msg", second).changeTime() + "\n");

            List<String> lines = StaleObjects.reclaim(ledger);

            assertThat(lines).contains("removed System V msg " + first, "removed System V msg " + second,
                    "skipped malformed ledger entry 1-bbbb.trial (left in place)");
            assertThat(SysV.stat("msg", first)).isNull();
            assertThat(SysV.stat("msg", second)).isNull();
            assertThat(ledger.resolve("1-bbbb.trial")).as("a bad entry is left for a person to read").exists();
        } finally {
            removeQuietly(first);
            removeQuietly(second);
        }
    }

    @Test
    void aDirectoryIsRemovedOnlyIfItIsTheOneTheTrialMade() throws Exception {
        PrivateDir made = PrivateDir.create();
        PrivateDir namesake = PrivateDir.create(); // same prefix, owner and mode; another inode
        Path open = Files.createTempDirectory(PrivateDir.PREFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            writeEntry("1-dddd.trial", DEAD_INITIATOR
                    + "dir " + made.path() + " " + made.inode() + "\n"
                    + "dir " + namesake.path() + " " + (namesake.inode() + 1) + "\n"
                    + "dir " + open + " " + Files.getAttribute(open, "unix:ino") + "\n");

            List<String> lines = StaleObjects.reclaim(ledger);

            assertThat(lines).containsExactly("removed directory " + made.path());
            assertThat(made.path()).doesNotExist();
            assertThat(namesake.path()).as("a directory with another inode than recorded").exists();
            assertThat(open).as("a directory that is not 0700").exists();
        } finally {
            made.close();
            namesake.close();
            PrivateDir.delete(open);
        }
    }

    private void writeEntry(String name, String text) throws Exception {
        Files.writeString(ledger.resolve(name), text);
    }

    private static void removeQuietly(int queue) {
        if (SysV.stat("msg", queue) != null) {
            SysV.msgRemove(queue);
        }
    }
}
