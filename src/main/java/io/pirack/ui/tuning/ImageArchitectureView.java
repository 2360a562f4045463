package io.pirack.ui.tuning;

import io.pirack.core.images.ImagePlatforms;
import io.pirack.core.images.ImageVerdict;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One row per demo image: a verdict in words with a shape (never colour alone), the image, its
 * platforms as chips (a chip that runs on the Pis is marked ✓), the sentence that explains it and
 * the tag to use instead when one covers every Pi.
 */
final class ImageArchitectureView extends VBox {

    static final String ID = "tuning-image-architectures";
    static final String ROW = "tuning-arch-row";
    static final String VERDICT = "tuning-arch-verdict";
    static final String CHIP = "tuning-platform-chip";
    private static final PseudoClass RUNS = PseudoClass.getPseudoClass("runs");

    ImageArchitectureView(ImagePrePull model) {
        setId(ID);
        setSpacing(6);
        model.architectures().addListener((ListChangeListener<ImageVerdict>) change -> show(model));
        show(model);
    }

    private void show(ImagePrePull model) {
        getChildren().clear();
        if (model.architectures().isEmpty()) {
            Label hint = new Label("Architectures not checked yet: \"Check architectures\" asks each image's registry which platforms it was built for.");
            hint.getStyleClass().add(TuningStyles.MUTED);
            hint.setWrapText(true);
            getChildren().add(hint);
            return;
        }
        for (ImageVerdict v : model.architectures()) {
            Label verdict = new Label(verdictText(v));
            verdict.getStyleClass().addAll(VERDICT, TuningStyles.CELL);
            verdict.pseudoClassStateChanged(switch (v.verdict()) {
                case ALL -> v.stale() ? TuningStyles.WARN : TuningStyles.PASS;
                case UNKNOWN -> TuningStyles.WARN;
                case SOME, NONE -> TuningStyles.FAIL;
            }, true);
            verdict.setMinWidth(Label.USE_PREF_SIZE);
            Label name = new Label(v.image().toString());
            name.setStyle("-fx-font-weight: bold;");
            FlowPane chips = new FlowPane(6, 4);
            for (ImagePlatforms.Entry e : v.platforms()) {
                boolean runs = v.runnable().contains(e.platform());
                Label chip = new Label((runs ? "✓ " : "") + e.platform());
                chip.getStyleClass().add(CHIP);
                chip.pseudoClassStateChanged(RUNS, runs);
                chips.getChildren().add(chip);
            }
            Label detail = new Label(v.detail() + v.suggestion().map(s -> " Use " + s + ".").orElse(""));
            detail.setWrapText(true);
            detail.getStyleClass().add(TuningStyles.MUTED);
            VBox row = new VBox(2, new HBox(10, verdict, name, chips), detail);
            row.getStyleClass().add(ROW);
            getChildren().add(row);
        }
    }

    static String verdictText(ImageVerdict v) {
        return switch (v.verdict()) {
            case ALL -> v.stale() ? "✓ every Pi (not rechecked)" : "✓ every Pi";
            case SOME -> "◐ some Pis: " + String.join(", ", v.nodesWhereItRuns());
            case NONE -> "✕ no Pi";
            case UNKNOWN -> "? not checked";
        };
    }
}
