package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.kube.ClusterConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection the app opens before JavaFX has started: chosen from the files, failing with a reason. */
class EarlyStartTest {

    @TempDir
    Path home;

    @Test
    void theCommandLinesKubeconfigIsOpenedBeforeTheWindowAndABrokenRackFileBecomesANotice() throws Exception {
        AppPaths paths = new AppPaths(home, home);
        Files.createDirectories(paths.rackFile().getParent());
        Files.writeString(paths.rackFile(), "{ not json");
        Path missing = home.resolve("no-such-kubeconfig");
        LaunchOptions options = new LaunchOptions(false, null, missing, false, -1, false, 0);

        EarlyStart early = EarlyStart.begin(paths, options);

        ClusterSession.Kubeconfig source = assertInstanceOf(ClusterSession.Kubeconfig.class, early.source());
        assertEquals(missing, source.file());
        assertEquals(1, early.notices().size(), "the rack file's problem waits for the status line: " + early.notices());
        CompletionException failed = assertThrows(CompletionException.class, () -> early.opening().orTimeout(60, TimeUnit.SECONDS).join());
        assertInstanceOf(ClusterConnection.KubeconfigException.class, failed.getCause());
        assertTrue(early.opening().isCompletedExceptionally());
    }

    @Test
    void aRehearsalRackWhoseSeedWaitedForTheWindowsFirstPulseOpensWithEveryPi() throws Exception {
        EarlyStart early = EarlyStart.begin(new AppPaths(home, home), sim(), false, true);
        early.firstPulse().complete(null);

        try (ClusterSession session = early.opening().orTimeout(60, TimeUnit.SECONDS).join()) {
            assertEveryPiListed(session);
        }
    }

    @Test
    void aWindowThatNeverPulsesHoldsTheSeedBackOnlyForAWhile() throws Exception {
        EarlyStart early = EarlyStart.begin(new AppPaths(home, home), sim(), false, true);

        try (ClusterSession session = early.opening().orTimeout(60, TimeUnit.SECONDS).join()) {
            assertEveryPiListed(session);
            assertFalse(early.firstPulse().isDone());
        }
    }

    @Test
    void aRehearsalRackHeldForTheLiveFrameStartsItsControllersOnceTheWindowLaidItOut() throws Exception {
        EarlyStart early = EarlyStart.begin(new AppPaths(home, home), sim(), false, false, true);

        try (ClusterSession session = early.opening().orTimeout(60, TimeUnit.SECONDS).join()) {
            assertEveryPiListed(session);
            early.livePulse().complete(null);
            // The demo Deployment's first ReplicaSet: the rack's controllers run.
            session.client().apps().replicaSets().inNamespace(io.pirack.sim.SimWorkload.DEMO_NAMESPACE)
                    .informOnCondition(list -> !list.isEmpty()).get(60, TimeUnit.SECONDS);
        }
    }

    private static LaunchOptions sim() {
        return new LaunchOptions(true, null, null, false, -1, false, 0);
    }

    /** Through the app's own client over HTTP: every Pi of the rack as a Node. */
    private static void assertEveryPiListed(ClusterSession session) {
        List<String> pis = session.rehearsal().orElseThrow().spec().slots().stream().map(s -> s.hostname()).sorted().toList();
        List<String> nodes = session.client().nodes().list().getItems().stream().map(n -> n.getMetadata().getName()).sorted().toList();
        assertFalse(pis.isEmpty());
        assertEquals(pis, nodes);
    }
}
