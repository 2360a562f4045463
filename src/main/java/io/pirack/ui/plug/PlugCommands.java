package io.pirack.ui.plug;

import io.pirack.app.PlugService;
import io.pirack.core.plug.GuardrailFinding;
import io.pirack.core.plug.GuardrailReport;
import io.pirack.core.plug.PlugState;
import io.pirack.plug.PlugException;
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
 * (guardrails), ask unless the presenter said not to — a control-plane pull is always asked — then
 * act in the background and report a failure in words, with the sudoers fix when that is the cause.
 */
public final class PlugCommands {

    private final Supplier<PlugService> service;
    private final BooleanSupplier askBeforePull;
    private final Consumer<Boolean> rememberAskBeforePull;
    private final Supplier<Window> owner;
    private final Consumer<String> notice;

    public PlugCommands(Supplier<PlugService> service, BooleanSupplier askBeforePull, Consumer<Boolean> rememberAskBeforePull,
                        Supplier<Window> owner, Consumer<String> notice) {
        this.service = service;
        this.askBeforePull = askBeforePull;
        this.rememberAskBeforePull = rememberAskBeforePull;
        this.owner = owner;
        this.notice = notice;
    }

    public boolean canPull(String node) {
        PlugService plugs = service.get();
        if (plugs == null) {
            return false;
        }
        PlugState state = plugs.controller().state(node);
        return !state.isBusy() && !state.isUnplugged() && plugs.controller().strategyFor(node).isPresent();
    }

    public boolean isUnplugged(String node) {
        PlugService plugs = service.get();
        return plugs != null && plugs.controller().state(node).isUnplugged();
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
        PlugService plugs = service.get();
        if (plugs == null || !canPull(node)) {
            return;
        }
        GuardrailReport report = plugs.assess(node);
        if ((askBeforePull.getAsBoolean() || report.needsExplicitConfirmation() || !report.isClear()) && !confirm(node, plugs, report)) {
            return;
        }
        report(node, "pull the plug on", plugs.pull(node));
    }

    public void restore(String node) {
        PlugService plugs = service.get();
        if (plugs != null) {
            report(node, "plug back in", plugs.restore(node));
        }
    }

    private boolean confirm(String node, PlugService plugs, GuardrailReport report) {
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

    private void report(String node, String what, CompletableFuture<PlugState> action) {
        action.whenComplete((state, error) -> {
            if (error == null) {
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            String message = "Could not " + what + " " + node + ": " + cause.getMessage();
            if (cause instanceof PlugException p && p.sudoersSnippet().isPresent()) {
                message += "\nInstall this sudoers snippet on the Pi (sudo visudo -f /etc/sudoers.d/pirack):\n" + p.sudoersSnippet().get();
            }
            String shown = message;
            Platform.runLater(() -> notice.accept(shown));
        });
    }
}
