package io.ipcbench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.ipcbench.hygiene.Ledger;
import io.ipcbench.hygiene.StaleObjects;
import io.ipcbench.nativeio.SysV;

/**
 * The ledger keeps what a trial could not remove: a workspace closing with one of its System V
 * objects still there leaves its entry for the next run or {@code scripts/ipc-clean}.
 */
class WorkspaceLedgerTest {

    @Test
    void anObjectLeftBehindKeepsItsLedgerEntry() throws IOException {
        int msqid = SysV.msgCreate();
        Path entry;
        try {
            Workspace workspace = Workspace.create();
            workspace.recordSysV("msg", msqid);
            entry = entryRecording("msg " + msqid);
            workspace.close(); // as a transport that failed to remove its queue would leave it
            assertThat(entry).as("the entry outlives the workspace while its queue is there").exists();
            assertThat(StaleObjects.systemVObjectsLeft(entry)).containsExactly("System V msg " + msqid);
        } finally {
            SysV.msgRemove(msqid);
        }
        assertThat(StaleObjects.systemVObjectsLeft(entry)).isEmpty();
        Files.delete(entry);
    }

    private static Path entryRecording(String line) throws IOException {
        try (Stream<Path> entries = Files.list(Ledger.directory())) {
            List<Path> matching = entries.filter(path -> path.toString().endsWith(".trial")).filter(path -> {
                try {
                    return Files.readAllLines(path).stream().anyMatch(l -> l.startsWith(line + " "));
                } catch (IOException e) {
                    return false;
                }
            }).toList();
            assertThat(matching).as("ledger entries recording '%s'", line).hasSize(1);
            return matching.get(0);
        }
    }
}
