package io.pirack.app;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * The one dialog for a rack file PiRack cannot use: which file, which line and field, and the two ways
 * on — open the file to fix it, or start with an empty rack. Either way the file stays as it is: PiRack
 * never overwrites a file with problems ({@link JsonFileStore#save}).
 */
final class RackFileDialog {

    static final String OPEN = "Open the file";
    static final String EMPTY = "Start with an empty rack";
    private static final int SHOWN = 5;

    private RackFileDialog() {
    }

    /** Shows the dialog and does what the presenter chose; FX thread. */
    static void show(Window owner, Path file, List<JsonFileStore.Problem> problems, Consumer<Path> opener, Consumer<String> notice) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(owner);
        alert.setTitle("The rack file has a problem");
        alert.setHeaderText("PiRack cannot use " + file.getFileName() + ": "
                + (problems.size() == 1 ? "one problem" : problems.size() + " problems") + ".");
        String listed = problems.stream().limit(SHOWN).map(p -> "• " + p.describe()).collect(Collectors.joining("\n"));
        alert.setContentText(file + "\n\n" + listed + (problems.size() > SHOWN ? "\n• … and " + (problems.size() - SHOWN) + " more" : "")
                + "\n\nThe file is kept exactly as it is. Fix it and connect again (File → Connect to Cluster…), "
                + "or start with an empty rack for now.");
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        alert.getDialogPane().setPrefWidth(640);
        alert.getDialogPane().setId("rack-file-problem");
        ButtonType open = new ButtonType(OPEN, ButtonBar.ButtonData.OTHER);
        ButtonType empty = new ButtonType(EMPTY, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(open, empty);
        ((Button) alert.getDialogPane().lookupButton(empty)).setDefaultButton(true);
        boolean openIt = alert.showAndWait().filter(open::equals).isPresent();
        if (openIt) {
            try {
                opener.accept(file);
                notice.accept(file.getFileName() + " is open for editing; PiRack shows an empty rack until you connect again.");
            } catch (RuntimeException e) {
                notice.accept(e.getMessage());
            }
        } else {
            notice.accept("Empty rack: " + file.getFileName() + " was left as it is (" + problems.get(0).describe() + ").");
        }
    }
}
