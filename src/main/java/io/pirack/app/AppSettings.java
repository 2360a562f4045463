package io.pirack.app;

import io.pirack.core.settings.Settings;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** The remembered settings: read once at start, every change saved off the FX thread. */
public final class AppSettings {

    private final JsonFileStore<Settings> store;
    private final Executor background;
    private volatile Settings settings;
    private volatile boolean stopped;

    private AppSettings(JsonFileStore<Settings> store, Settings settings, Executor background) {
        this.store = store;
        this.settings = settings;
        this.background = background;
    }

    /** Loads the settings file; a problem reading it goes to {@code problem} and the defaults are used. */
    public static AppSettings load(AppPaths paths, Executor background, Consumer<String> problem) {
        JsonFileStore<Settings> store = SettingsJson.store(paths.settingsFile(), Clock.systemUTC());
        JsonFileStore.Loaded<Settings> loaded = store.loadForRewriting();
        if (loaded.problem() != null) {
            problem.accept(loaded.problem());
        }
        return new AppSettings(store, loaded.value().normalised(), background);
    }

    public Settings get() {
        return settings;
    }

    /** Applies a change and saves it in the background (not once the app is stopping). */
    public void update(UnaryOperator<Settings> change) {
        Settings updated = change.apply(settings);
        settings = updated;
        if (stopped) {
            return;
        }
        store.saveInBackground(updated, background, "the settings", problem -> { });
    }

    /** Later changes stay in memory: the background pool is shutting down. */
    public void stop() {
        stopped = true;
    }
}
