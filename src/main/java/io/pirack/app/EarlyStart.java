package io.pirack.app;

import io.pirack.concurrent.Background;
import io.pirack.kube.ClusterConnection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What starts before JavaFX does (issue 20's parallel start): the first connection's source, chosen
 * from the command line and the saved files alone, and its opening — the rehearsal rack's API server
 * or the fabric8 client — on a thread of its own while JavaFX starts and the window is built.
 *
 * @param notices problems reading the rack file, for the status line once there is one
 */
record EarlyStart(ClusterSession.Source source, CompletableFuture<ClusterSession> opening, List<String> notices) {

    static EarlyStart begin(LaunchOptions options) {
        return begin(AppPaths.detect(), options);
    }

    static EarlyStart begin(AppPaths paths, LaunchOptions options) {
        List<String> notices = new CopyOnWriteArrayList<>();
        // Read only: the app loads the settings again in start() and reports a broken file there.
        AppSettings settings = AppSettings.load(paths, Runnable::run, problem -> { });
        ClusterSession.Source source = SessionSources.initialSource(paths, settings.get(), options, notices::add);
        CompletableFuture<ClusterSession> opening = new CompletableFuture<>();
        Background.daemon("pirack-early-connect").newThread(() -> {
            try {
                opening.complete(ClusterSession.open(source));
            } catch (ClusterConnection.KubeconfigException | RuntimeException e) {
                opening.completeExceptionally(new CompletionException(e));
            }
        }).start();
        if (Boolean.getBoolean(StartupMarks.PROPERTY)) {
            // For the startup bench's breakdown: when the rack's API server or the client was ready.
            opening.whenComplete((session, error) -> StartupMarks.printMark("session-opened " + System.currentTimeMillis()));
        }
        return new EarlyStart(source, opening, notices);
    }
}
