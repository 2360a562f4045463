package io.pirack.app;

import java.nio.file.Path;

/**
 * What the command line asked the app to do at start.
 *
 * @param k8sVersion with {@code sim}: the Kubernetes release to simulate ("1.32"), or null for the remembered one
 * @param timeScale  with {@code sim}: the rehearsal rack's speed, or 0 for the remembered one
 */
public record LaunchOptions(boolean sim, String context, Path kubeconfig, boolean kiosk, int screen,
                            boolean visitor, int attractMinutes, String k8sVersion, double timeScale) {

    public LaunchOptions(boolean sim, String context, Path kubeconfig, boolean kiosk, int screen, boolean visitor, int attractMinutes) {
        this(sim, context, kubeconfig, kiosk, screen, visitor, attractMinutes, null, 0);
    }

    public static LaunchOptions defaults() {
        return new LaunchOptions(false, null, null, false, -1, false, 0);
    }
}
