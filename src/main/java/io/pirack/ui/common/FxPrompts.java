package io.pirack.ui.common;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.PasswordField;
import javafx.stage.Window;

/**
 * SSH questions asked on the FX thread by an SSH worker that waits for the answer: trust an
 * unknown host key (showing its SHA256 fingerprint), and a key passphrase (kept in memory only).
 * The method shapes match the SSH layer's prompts, so the app hands over {@code prompts::trustHostKey}
 * and {@code prompts::passphrase} without this package knowing the SSH layer.
 */
public final class FxPrompts {

    private final Supplier<Window> owner;

    public FxPrompts(Supplier<Window> owner) {
        this.owner = owner;
    }

    /** Whether to trust a host key seen for the first time; blocks the calling (non-FX) thread until answered. */
    public boolean trustHostKey(String alias, String host, String keyType, String fingerprint) {
        return ask(() -> {
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
            alert.initOwner(owner.get());
            alert.setTitle("Unknown host key");
            alert.setHeaderText("First connection to " + alias + " (" + host + ")");
            alert.setContentText("Its " + keyType + " key fingerprint is\n\n" + fingerprint
                    + "\n\nTrust it only if it matches the Pi (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the Pi). "
                    + "PiRack records it in ~/.ssh/known_hosts and refuses the Pi if the key ever changes.");
            ButtonType trust = new ButtonType("Trust and connect", ButtonBar.ButtonData.OK_DONE);
            alert.getButtonTypes().setAll(ButtonType.CANCEL, trust);
            return alert.showAndWait().filter(trust::equals).isPresent();
        }, false);
    }

    /** The passphrase of an SSH key, or empty when cancelled; blocks the calling (non-FX) thread until answered. */
    public Optional<char[]> passphrase(Path keyFile, boolean retry) {
        return ask(() -> {
            Dialog<char[]> dialog = new Dialog<>();
            dialog.initOwner(owner.get());
            dialog.setTitle("SSH key passphrase");
            dialog.setHeaderText((retry ? "Wrong passphrase. " : "") + "Passphrase for " + keyFile.getFileName()
                    + " (kept in memory until PiRack quits)");
            PasswordField field = new PasswordField();
            dialog.getDialogPane().setContent(field);
            dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ButtonType.OK);
            dialog.setResultConverter(b -> b == ButtonType.OK ? field.getText().toCharArray() : null);
            return dialog.showAndWait();
        }, Optional.empty());
    }

    private static <T> T ask(Supplier<T> question, T whenInterrupted) {
        if (Platform.isFxApplicationThread()) {
            return question.get();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(question.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return whenInterrupted;
        } catch (ExecutionException e) {
            return whenInterrupted;
        }
    }
}
