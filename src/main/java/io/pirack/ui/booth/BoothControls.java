package io.pirack.ui.booth;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * What the Booth screen asks of the show the app runs: the audience window, the attract loop,
 * rebalancing. The app implements it ({@code app/booth/BoothController}); every method refuses
 * (and says so in {@link #messageProperty()}) while the kiosk lock is on.
 */
public interface BoothControls {

    /** Opens (or moves) the audience window full screen on screen {@code index}. */
    void openAudience(int screen);

    void closeAudience();

    void startAttract(int minutes);

    void stopAttract();

    /** Rollout-restarts the unevenly spread demo Deployments, in the background. */
    void rebalance();

    ReadOnlyStringProperty attractStatusProperty();

    ReadOnlyBooleanProperty attractRunningProperty();

    ReadOnlyStringProperty awakeStatusProperty();

    /** "Restarted demo/hello: the pods spread over the Pis again." and refusals while locked. */
    ReadOnlyStringProperty messageProperty();
}
