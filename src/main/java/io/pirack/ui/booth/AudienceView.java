package io.pirack.ui.booth;

import io.pirack.ui.Styles;
import io.pirack.ui.common.SkinnedLabels;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.animation.FadeTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * What the audience window shows, designed to be read from across an aisle: the seconds as the
 * biggest thing, the phase on its own line beneath, the story so far — always complete, wrapped,
 * never cut — a legend of pod colours, the rack, and the run on a strip below. All sizes follow the
 * window (one base font from its size), so 1280×720 and 3840×2160 show the same picture. Nothing
 * here can be clicked except the visitor's button: the rack and the strip are look-only.
 */
public final class AudienceView extends BorderPane {

    /** The base font at 1920×1080; everything else is in em. */
    static final double BASE_FONT = 22;

    private final VBox story = new VBox();
    /** The side column's empty space between the story and the legend. */
    private final Region quiet = new Region();

    public AudienceView(BoothViewModel model, Supplier<Node> rack, Supplier<Node> timeline) {
        getStylesheets().add(AudienceView.class.getResource(Styles.STYLESHEET).toExternalForm());
        getStyleClass().add("audience");

        Label stopwatch = new Label();
        stopwatch.setId("audience-stopwatch");
        stopwatch.getStyleClass().add("audience-stopwatch");
        stopwatch.textProperty().bind(model.stopwatchProperty());
        hideWhenEmpty(stopwatch);
        Label phase = new Label();
        phase.setId("audience-phase");
        phase.getStyleClass().add("audience-phase");
        phase.textProperty().bind(model.phaseProperty());
        hideWhenEmpty(phase);
        phase.setWrapText(true);
        phase.setMinHeight(Region.USE_PREF_SIZE);

        story.setId("audience-narrative");
        story.getStyleClass().add("audience-story");
        story.setSpacing(6);
        model.narrativeProperty().addListener((o, was, now) -> showStory(now));
        showStory(model.narrativeProperty().get());

        FlowPane legend = new FlowPane(14, 6);
        legend.setId("audience-legend");
        legend.getStyleClass().add("audience-legend");
        model.legend().addListener((ListChangeListener<BoothViewModel.LegendEntry>) c -> showLegend(legend, model.legend()));
        showLegend(legend, model.legend());

        Button visitor = new Button();
        visitor.setId("visitor-button");
        visitor.getStyleClass().add("visitor-button");
        visitor.textProperty().bind(model.visitor().labelProperty());
        visitor.disableProperty().bind(model.visitor().enabledProperty().not());
        visitor.setOnAction(e -> model.visitor().pull());
        visitor.visibleProperty().bind(model.visitor().shownProperty());
        visitor.managedProperty().bind(visitor.visibleProperty());
        visitor.setMaxWidth(Double.MAX_VALUE);
        Label hint = new Label();
        hint.getStyleClass().add("audience-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.textProperty().bind(model.visitor().hintProperty());
        hint.visibleProperty().bind(model.visitor().shownProperty());
        hint.managedProperty().bind(hint.visibleProperty());

        VBox.setVgrow(quiet, Priority.ALWAYS);
        VBox side = new VBox(stopwatch, phase, story, quiet, legend, visitor, hint);
        side.setId("audience-side");
        side.getStyleClass().add("audience-side");
        side.setAlignment(Pos.TOP_LEFT);
        side.prefWidthProperty().bind(widthProperty().multiply(0.38));
        side.setMinWidth(Region.USE_PREF_SIZE);

        // Drawn smaller when it needs more width than is left beside the story: never pushes the side column off screen.
        Node rackNode = new ShrinkToFit(lookOnly(rack.get()));
        HBox.setHgrow(rackNode, Priority.ALWAYS);
        HBox top = new HBox(rackNode, side);
        setCenter(top);
        Node strip = lookOnly(timeline.get());
        // A bit over a quarter of the window, and never less than the run needs: a late run's milestones carry
        // "▲ late by …" and wrap onto another line, which a fixed 28 % cut off at the bottom of a 1280×720 screen.
        StackPane bottom = new StackPane(strip) {
            @Override
            protected double computePrefHeight(double width) {
                return Math.max(AudienceView.this.getHeight() * 0.28, super.computePrefHeight(width));
            }

            @Override
            protected double computeMinHeight(double width) {
                return super.computePrefHeight(width);
            }
        };
        bottom.getStyleClass().add("audience-strip");
        heightProperty().addListener((o, was, now) -> bottom.requestLayout());
        setBottom(bottom);

        // One base font from the window's size: the same picture on a 720p projector and a 4K booth screen.
        Runnable scale = () -> {
            double factor = Math.min(getWidth() / 1920.0, getHeight() / 1080.0);
            if (factor > 0) {
                setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * factor));
            }
        };
        widthProperty().addListener((o, was, now) -> scale.run());
        heightProperty().addListener((o, was, now) -> scale.run());

        // Between runs the last result stays; then the window fades back to its invitation.
        model.showProperty().addListener((o, was, now) -> {
            if (now == BoothViewModel.Show.ATTRACT && was == BoothViewModel.Show.RESULT) {
                FadeTransition fade = new FadeTransition(Duration.seconds(1.5), side);
                fade.setFromValue(0.2);
                fade.setToValue(1);
                fade.play();
            }
            side.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("result"), now == BoothViewModel.Show.RESULT);
        });
    }

    /**
     * Where on the screen nothing of the show is drawn: the side column between the story and the
     * legend (between runs, most of the column's height). It changes as the story and legend grow.
     */
    public ObservableValue<Rectangle2D> quietArea() {
        applyCss();
        layout();
        ObjectBinding<Rectangle2D> area = Bindings.createObjectBinding(() -> {
            // Read both dependencies: they are lazy and tell of a change only once they were read since the last one
            // (without this the question followed the first change of a run and then no more).
            quiet.getBoundsInParent();
            quiet.getLocalToSceneTransform();
            Bounds b = quiet.localToScreen(quiet.getLayoutBounds());
            return b == null ? null : new Rectangle2D(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
        }, quiet.boundsInParentProperty(), quiet.localToSceneTransformProperty());
        return area;
    }

    /** One wrapped label per sentence of the story, so none is ever cut. */
    private void showStory(String text) {
        List<Label> lines = text.isEmpty() ? List.of() : java.util.Arrays.stream(text.split("\n")).map(line -> {
            Label label = SkinnedLabels.of(line);
            label.getStyleClass().add("audience-narrative");
            label.setWrapText(true);
            label.setMinHeight(Region.USE_PREF_SIZE);
            return label;
        }).toList();
        story.getChildren().setAll(lines);
    }

    private static void showLegend(FlowPane legend, List<BoothViewModel.LegendEntry> entries) {
        legend.getChildren().setAll(entries.stream().map(entry -> {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("legend-swatch", "app-colour-" + entry.colour());
            Label name = SkinnedLabels.of(entry.app());
            name.getStyleClass().add("legend-name");
            HBox item = new HBox(6, swatch, name);
            item.setAlignment(Pos.CENTER_LEFT);
            return item;
        }).toList());
    }

    private static void hideWhenEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isEmpty().not());
        label.managedProperty().bind(label.visibleProperty());
    }

    /** The audience clicks nothing here: the node ignores the mouse, and its buttons are hidden by the stylesheet. */
    private static Node lookOnly(Node node) {
        node.setMouseTransparent(true);
        node.setFocusTraversable(false);
        return node;
    }
}
