package io.pirack.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application. Wiring is by hand: see {@link #start(Stage)}. */
public final class PiRackApp extends Application {

    private static volatile LaunchOptions launchOptions = LaunchOptions.defaults();

    public static void launchWith(LaunchOptions options) {
        launchOptions = options;
        Application.launch(PiRackApp.class);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("PiRack");
        stage.show();
    }
}
