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
 */
public final class FxPrompts {

    private FxPrompts() {
    }

    /**
     * Whether to trust a host key seen for the first time. ui's own type, so the SSH adapter stays out
     * of ui: {@code app/} hands {@code FxPrompts.hostKeys(owner)::trust} to the SSH client.
     */
    @FunctionalInterface
    public interface HostKeyQuestion {
        boolean trust(String alias, String host, String keyType, String sha256Fingerprint);
    }

    /** A private key's passphrase; empty when the presenter cancelled. Handed over as {@code ::passphrase}. */
    @FunctionalInterface
    public interface PassphraseQuestion {
        Optional<char[]> passphrase(Path keyFile, boolean retry);
    }

    public static HostKeyQuestion hostKeys(Supplier<Window> owner) {
        return (alias, host, keyType, fingerprint) -> ask(() -> {
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

    public static PassphraseQuestion passphrases(Supplier<Window> owner) {
        return (keyFile, retry) -> ask(() -> {
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
