package io.pirack.app;

import java.nio.file.Path;

/** What the command line asked the app to do at start. */
public record LaunchOptions(boolean sim, String context, Path kubeconfig, boolean kiosk, int screen,
                            boolean visitor, int attractMinutes) {

    public static LaunchOptions defaults() {
        return new LaunchOptions(false, null, null, false, -1, false, 0);
    }
}
