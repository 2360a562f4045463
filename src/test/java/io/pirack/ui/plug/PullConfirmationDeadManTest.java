package io.pirack.ui.plug;

import static io.pirack.testing.ClusterFixtures.demoTolerations;
import static io.pirack.testing.ClusterFixtures.pod;
import static io.pirack.testing.Fx.onFx;
import static io.pirack.testing.Fx.runOnFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.tuning.DeadManCheck;
import io.pirack.core.tuning.Distribution;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.KubeVersion;
import io.pirack.core.tuning.TuningWarning;
import io.pirack.testing.PluggedInPlugs;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The pull confirmation tells the presenter when the dead-man restore would plug the Pi back in before
 * Kubernetes moves its pods — and asks, even when the presenter turned ordinary questions off.
 */
@ExtendWith(ApplicationExtension.class)
class PullConfirmationDeadManTest {

    /** kubeadm 1.30 as installed: the Pi's pods carry the API server's 300 s toleration. */
    private static final Optional<TuningWarning> TOO_SOON = DeadManCheck.beforePull(180,
            EffectiveSettings.defaults(KubeVersion.parse("v1.30.2"), Distribution.KUBEADM),
            List.of(pod("web-7d4b9-x1").on("rpi3").tolerations(demoTolerations(300L)).at(0)));

    private Stage owner;
    private final List<String> pulled = new CopyOnWriteArrayList<>();
    private final List<String> notices = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new Pane(), 400, 300));
        stage.show();
    }

    /** The port as the app implements it for one plugged-in Pi with nothing else to say about the pull. */
    private PlugBackend backend(Optional<TuningWarning> deadMan) {
        return new PluggedInPlugs() {
            @Override
            public Optional<TuningWarning> deadManWarning(String node) {
                return deadMan;
            }

            @Override
            public Optional<String> describe(String node) {
                return Optional.of("stop k3s-agent on " + node + " over SSH");
            }

            @Override
            public CompletableFuture<Void> pull(String node) {
                pulled.add(node);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    /** The presenter turned "ask before a pull" off. */
    private PlugCommands commands(Optional<TuningWarning> deadMan) {
        return new PlugCommands(backend(deadMan), () -> false, () -> false, ask -> { }, () -> owner, notices::add);
    }

    private DialogPane pullDialog(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }

    private static void press(DialogPane pane, String text) throws Exception {
        runOnFx(() -> {
            ButtonType type = pane.getButtonTypes().stream().filter(b -> b.getText().equals(text)).findFirst().orElseThrow();
            ((Button) pane.lookupButton(type)).fire();
        });
    }

    @Test
    void aRestoreThatComesBeforeThePodsMoveIsShownAndAskedEvenWithQuestionsOffAndCancelPullsNothing(FxRobot robot) throws Exception {
        assertTrue(TOO_SOON.isPresent());
        PlugCommands commands = commands(TOO_SOON);
        Platform.runLater(() -> commands.pull("rpi3"));
        DialogPane pane = pullDialog(robot);

        Node shown = onFx(() -> pane.lookup("#dead-man-warning"));
        assertEquals(TOO_SOON.get().message() + " " + TOO_SOON.get().fix(), onFx(() -> ((Label) shown).getText()));
        assertTrue(onFx(() -> ((Label) shown).getText().contains("after 3 min 00 s (the dead-man restore)")));
        assertTrue(onFx(() -> pane.getScene().getWindow().isShowing()));

        press(pane, "Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), pulled, "cancelled: nothing pulled");
    }

    @Test
    void thePresenterMayStillPullOnceTold(FxRobot robot) throws Exception {
        PlugCommands commands = commands(TOO_SOON);
        Platform.runLater(() -> commands.pull("rpi3"));
        press(pullDialog(robot), "Pull the plug");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("rpi3"), pulled);
    }

    @Test
    void withoutAWarningAndWithQuestionsOffThePullGoesStraightThrough(FxRobot robot) throws Exception {
        PlugCommands commands = commands(Optional.empty());
        runOnFx(() -> commands.pull("rpi3"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("rpi3"), pulled);
        assertTrue(robot.lookup(".dialog-pane").queryAll().isEmpty(), "no question");
    }
}
