package io.pirack;

import io.pirack.app.LaunchOptions;
import io.pirack.app.PiRackApp;
import io.pirack.cli.PiRackCommand;
import io.pirack.cli.PlainStart;

/**
 * Entry point of the app and the CLI. Not a JavaFX {@code Application} on purpose: a plain main
 * class lets the JavaFX runtime come from the class path (jpackage, {@code java -cp}) and lets CLI
 * subcommands run with no display at all.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Before any logger exists: logback.xml writes to the platform's log folder.
        if (System.getProperty("pirack.logdir") == null) {
            System.setProperty("pirack.logdir", io.pirack.app.AppPaths.detect().logDir().toString());
        }
        if (System.getProperty("picocli.disable.closures") == null) {
            // PiRack has no Groovy: picocli would otherwise look for groovy.lang.Closure on every start.
            System.setProperty("picocli.disable.closures", "true");
        }
        LaunchOptions plain = PlainStart.options(args);
        if (plain != null) {
            // No arguments, or only --sim / --kiosk / --visitor: the app, without picocli (issue 20).
            PiRackApp.launchWith(plain);
            System.exit(0);
        }
        int exit = PiRackCommand.execute(args);
        // The GUI returns only after its window closed and the app stopped; a CLI command returns its own
        // exit code. Both end the process here: a library thread left behind (the rehearsal rack's Vert.x
        // event loop after a stuck web-socket write, seen in the AppCDS training run) must not keep a quit
        // PiRack alive — on a Mac its Dock icon would stay.
        System.exit(exit == PiRackCommand.GUI_STARTED ? 0 : exit);
    }
}
