package io.pirack.app;

import io.pirack.concurrent.Background;
import io.pirack.kube.ClusterConnection;
import io.pirack.trace.StartupLine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What starts before JavaFX does (issue 20's parallel start): on a thread of its own, the first
 * connection's source, chosen from the command line and the saved files alone, and then its opening
 * — the rehearsal rack's API server or the fabric8 client — while JavaFX starts and the window is
 * built. The main thread only starts that thread and goes on to start JavaFX: reading the settings
 * and the rack file (Jackson, logging) used to hold JavaFX's start back by ~0.3 s of class loading.
 *
 * @param choice  the source and the problems reading the rack file, once read
 * @param opening the session, once open (or why it could not open)
 * @param firstPulse completed by the window once its first pulse laid it out
 * @param livePulse completed by the window once a pulse laid out its first frame with the API live and every Pi known
 */
record EarlyStart(CompletableFuture<Choice> choice, CompletableFuture<ClusterSession> opening, CompletableFuture<Void> firstPulse,
                  CompletableFuture<Void> livePulse) {

    /** Knob: the whole opening (the rack's API server too) waits for the window's first pulse. Off. */
    static final String AFTER_FIRST_PULSE = "pirack.early.afterFirstPulse";
    /**
     * Knob, on unless {@code =false}: the rehearsal rack's API server starts at once, and its seed — the JSON
     * (de)serializers' warm-up, ~0.2 s of CPU — is stored once the window's first pulse has laid out the skeleton,
     * so that it does not share the two cores with that pulse (issue 20).
     */
    static final String SEED_AFTER_FIRST_PULSE = "pirack.early.seedAfterFirstPulse";
    /**
     * Knob, on unless {@code =false}: the rehearsal rack's kubelets and controllers — its seven informers' lists and
     * watches, then their first heartbeats, bindings and status writes — start once the window has laid out its first
     * live frame. Until then the rack's API serves the seed: every Pi registered, Ready and with a fresh Lease, as a
     * running cluster's objects are when PiRack connects to it. Without the hold that work shared the two cores and
     * the API server with the app's own first lists, and the live frame (issue 20).
     */
    static final String RACK_AFTER_LIVE = "pirack.early.rackAfterLive";
    /** The rack's kubelets and controllers wait no longer than this for the live frame. */
    static final Duration RACK_HOLD_CAP = Duration.ofSeconds(5);
    /** The seed waits no longer than this for the first pulse: a window that never pulses holds nothing back for good. */
    static final Duration SEED_HOLD_CAP = Duration.ofSeconds(2);

    /**
     * @param notices problems reading the rack file, for the status line once there is one
     */
    record Choice(ClusterSession.Source source, List<String> notices) {
    }

    static EarlyStart begin(LaunchOptions options) {
        return begin(AppPaths.detect(), options);
    }

    static EarlyStart begin(AppPaths paths, LaunchOptions options) {
        return begin(paths, options, Boolean.getBoolean(AFTER_FIRST_PULSE),
                Boolean.parseBoolean(System.getProperty(SEED_AFTER_FIRST_PULSE, "true")),
                Boolean.parseBoolean(System.getProperty(RACK_AFTER_LIVE, "true")));
    }

    static EarlyStart begin(AppPaths paths, LaunchOptions options, boolean openingAfterFirstPulse, boolean seedAfterFirstPulse) {
        return begin(paths, options, openingAfterFirstPulse, seedAfterFirstPulse, false);
    }

    static EarlyStart begin(AppPaths paths, LaunchOptions options, boolean openingAfterFirstPulse, boolean seedAfterFirstPulse,
                            boolean rackAfterLive) {
        CompletableFuture<Choice> choice = new CompletableFuture<>();
        CompletableFuture<ClusterSession> opening = new CompletableFuture<>();
        CompletableFuture<Void> firstPulse = new CompletableFuture<>();
        CompletableFuture<Void> livePulse = new CompletableFuture<>();
        Runnable beforeOpening = openingAfterFirstPulse ? firstPulse::join : () -> { };
        Runnable beforeSeed = seedAfterFirstPulse ? () -> awaitAtMost(firstPulse, SEED_HOLD_CAP) : () -> { };
        Runnable beforeControllers = rackAfterLive ? () -> awaitAtMost(livePulse, RACK_HOLD_CAP) : () -> { };
        Background.daemon("pirack-early-connect").newThread(() -> {
            Choice chosen;
            try {
                chosen = choose(paths, options);
            } catch (RuntimeException e) {
                choice.completeExceptionally(e);
                opening.completeExceptionally(new CompletionException(e));
                return;
            }
            choice.complete(chosen);
            beforeOpening.run();
            try {
                opening.complete(ClusterSession.open(chosen.source(), beforeSeed, beforeControllers));
            } catch (ClusterConnection.KubeconfigException | RuntimeException e) {
                opening.completeExceptionally(new CompletionException(e));
            }
        }).start();
        if (StartupLine.asked()) {
            // For the startup bench's breakdown: when the rack's API server or the client was ready.
            opening.whenComplete((session, error) -> StartupLine.step("session-opened"));
        }
        return new EarlyStart(choice, opening, firstPulse, livePulse);
    }

    private static void awaitAtMost(CompletableFuture<Void> pulse, Duration cap) {
        try {
            pulse.get(cap.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException late) {
            // go on without it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Choice choose(AppPaths paths, LaunchOptions options) {
        List<String> notices = new CopyOnWriteArrayList<>();
        // Read only: the app loads the settings again in start() and reports a broken file there.
        AppSettings settings = AppSettings.load(paths, Runnable::run, problem -> { });
        return new Choice(SessionSources.initialSource(paths, settings.get(), options, notices::add), List.copyOf(notices));
    }

    /** The source to show and connect to; waits for the early thread to have read the files. */
    ClusterSession.Source source() {
        return choice.join().source();
    }

    /** Problems reading the rack file; waits like {@link #source()}. */
    List<String> notices() {
        return choice.join().notices();
    }
}
