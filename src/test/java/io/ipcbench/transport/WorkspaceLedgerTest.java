package io.ipcbench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.ipcbench.hygiene.Ledger;
import io.ipcbench.hygiene.StaleObjects;
import io.ipcbench.nativeio.PosixMq;
import io.ipcbench.nativeio.SysV;

/**
 * The ledger keeps what a trial could not remove: a workspace closing with one of its System V
 * objects or POSIX queues still there leaves its entry for the next run or {@code scripts/ipc-clean}.
 */
class WorkspaceLedgerTest {

    /** An object a test made and recorded: its ledger line, how objectsLeft reports it, how to remove it. */
    private record Made(String recordedLine, String reported, Runnable remove) {
    }

    @Test
    void aSystemVObjectLeftBehindKeepsItsLedgerEntry() throws IOException {
        theEntryOutlivesTheWorkspaceWhileTheObjectIsThere(workspace -> {
            int msqid = SysV.msgCreate();
            workspace.recordSysV("msg", msqid);
            return new Made("msg " + msqid, "System V msg " + msqid, () -> SysV.msgRemove(msqid));
        });
    }

    @Test
    void aPosixQueueLeftBehindKeepsItsLedgerEntry() throws IOException {
        String name = PosixMq.NAME_PREFIX + "ledger-test-" + ProcessHandle.current().pid();
        theEntryOutlivesTheWorkspaceWhileTheObjectIsThere(workspace -> {
            workspace.recordQueueName(name);
            int mqd = PosixMq.create(name, 1, 64);
            return new Made("mq " + name, "POSIX queue " + name, () -> {
                PosixMq.close(mqd);
                PosixMq.unlink(name);
            });
        });
    }

    @Test
    void aQueueNameRecordedButNeverCreatedLeavesNothing() throws IOException {
        String name = PosixMq.NAME_PREFIX + "ledger-test-never-" + ProcessHandle.current().pid();
        Workspace workspace = Workspace.create();
        workspace.recordQueueName(name);
        Path entry = entryRecording("mq " + name);
        workspace.close();
        assertThat(entry).as("nothing of the trial is left, so neither is its entry").doesNotExist();
    }

    /** Closes a workspace as a transport that failed to remove its object would leave it. */
    private static void theEntryOutlivesTheWorkspaceWhileTheObjectIsThere(Function<Workspace, Made> make) throws IOException {
        Workspace workspace = Workspace.create();
        Made made = make.apply(workspace);
        Path entry;
        try {
            entry = entryRecording(made.recordedLine());
            workspace.close();
            assertThat(entry).as("the entry outlives the workspace while its object is there").exists();
            assertThat(StaleObjects.objectsLeft(entry)).containsExactly(made.reported());
        } finally {
            made.remove().run();
        }
        assertThat(StaleObjects.objectsLeft(entry)).isEmpty();
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
