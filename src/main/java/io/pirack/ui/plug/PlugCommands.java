package io.pirack.ui.plug;

import io.pirack.core.plug.GuardrailFinding;
import io.pirack.core.plug.GuardrailReport;
import io.pirack.core.tuning.TuningWarning;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Pull the plug" and "Plug back in" as the operator window offers them: explain what will happen
 * (guardrails, and a dead-man restore that would come before the pods move), ask unless the presenter
 * said not to — a control-plane pull, or one the dead-man restore would undo too soon, is always asked — then
 * act in the background and report a failure in words, with the sudoers fix when that is the cause.
 * While the kiosk lock is on, every pull and restore is refused here, whichever key or button asked.
 */
public final class PlugCommands {

    /** What a refused action says while the kiosk lock is on. */
    public static final String LOCKED = "Locked: pulling and restoring plugs needs the kiosk PIN (Booth screen → Unlock).";

    private final PlugBackend plugs;
    private final BooleanSupplier locked;
    private final BooleanSupplier askBeforePull;
    private final Consumer<Boolean> rememberAskBeforePull;
    private final Supplier<Window> owner;
    private final Consumer<String> notice;

    public PlugCommands(PlugBackend plugs, BooleanSupplier locked, BooleanSupplier askBeforePull,
                        Consumer<Boolean> rememberAskBeforePull, Supplier<Window> owner, Consumer<String> notice) {
        this.plugs = plugs;
        this.locked = locked;
        this.askBeforePull = askBeforePull;
        this.rememberAskBeforePull = rememberAskBeforePull;
        this.owner = owner;
        this.notice = notice;
    }

    public boolean canPull(String node) {
        return !locked.getAsBoolean() && plugs.canPull(node);
    }

    public boolean isUnplugged(String node) {
        return plugs.isUnplugged(node);
    }

    /** Pulls or restores, whichever applies now (the per-slot keyboard shortcut). */
    public void toggle(String node) {
        if (isUnplugged(node)) {
            restore(node);
        } else {
            pull(node);
        }
    }

    public void pull(String node) {
        if (refusedWhileLocked() || !plugs.canPull(node)) {
            return;
        }
        GuardrailReport report = plugs.assess(node);
        // A restore that comes too soon is worth the question even when the presenter turned it off.
        Optional<TuningWarning> tooSoon = plugs.deadManWarning(node);
        if ((askBeforePull.getAsBoolean() || report.needsExplicitConfirmation() || !report.isClear() || tooSoon.isPresent())
                && !confirm(node, report, tooSoon)) {
            return;
        }
        if (refusedWhileLocked()) {
            return; // locked while the dialog was open
        }
        report(node, "pull the plug on", plugs.pull(node));
    }

    public void restore(String node) {
        if (!refusedWhileLocked() && plugs.connected()) {
            report(node, "plug back in", plugs.restore(node));
        }
    }

    private boolean refusedWhileLocked() {
        if (locked.getAsBoolean()) {
            notice.accept(LOCKED);
            return true;
        }
        return false;
    }

    private boolean confirm(String node, GuardrailReport report, Optional<TuningWarning> tooSoon) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner.get());
        alert.setTitle("Pull the plug");
        alert.setHeaderText("Pull the plug on " + node + "?");
        String how = plugs.describe(node).orElse("");
        VBox body = new VBox(8);
        if (!how.isEmpty()) {
            body.getChildren().add(wrapped("PiRack will " + how + ". A dead-man restore brings it back by itself if PiRack "
                    + "or the network fails."));
        }
        tooSoon.ifPresent(warning -> {
            Label title = wrapped("⚠ The dead-man restore comes too soon");
            title.setStyle("-fx-font-weight: bold");
            Label explanation = wrapped(warning.message() + " " + warning.fix());
            explanation.setId("dead-man-warning");
            body.getChildren().addAll(title, explanation);
        });
        for (GuardrailFinding finding : report.findings()) {
            Label title = wrapped((finding.severity() == GuardrailFinding.Severity.INFO ? "ℹ " : "⚠ ") + finding.title());
            title.setStyle("-fx-font-weight: bold");
            body.getChildren().addAll(title, wrapped(finding.explanation()));
            finding.remedies().forEach(remedy -> {
                TextArea commands = new TextArea(remedy.title() + ": " + remedy.explanation() + "\n" + String.join("\n", remedy.commands()));
                commands.setEditable(false);
                commands.setWrapText(true);
                commands.setPrefRowCount(3);
                body.getChildren().add(commands);
            });
        }
        CheckBox dontAsk = new CheckBox("Don't ask again for ordinary pulls");
        if (!report.needsExplicitConfirmation()) {
            body.getChildren().add(dontAsk);
        }
        body.setPrefWidth(520);
        alert.getDialogPane().setContent(body);
        ButtonType pull = new ButtonType("Pull the plug", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, pull);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.filter(pull::equals).isEmpty()) {
            return false;
        }
        if (dontAsk.isSelected()) {
            rememberAskBeforePull.accept(false);
        }
        return true;
    }

    /** A label that wraps and is never squeezed below the height of its wrapped lines. */
    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private void report(String node, String what, CompletableFuture<Void> action) {
        action.whenComplete((state, error) -> {
            if (error == null) {
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            String message = "Could not " + what + " " + node + ": " + cause.getMessage();
            if (cause instanceof PlugBackend.PlugFailure p && p.sudoersSnippet().isPresent()) {
                message += "\nInstall this sudoers snippet on the Pi (sudo visudo -f /etc/sudoers.d/pirack):\n" + p.sudoersSnippet().get();
            }
            String shown = message;
            Platform.runLater(() -> notice.accept(shown));
        });
    }
}
