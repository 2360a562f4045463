package io.pirack.ui.booth;

import io.pirack.ui.Styles;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** What the audience window shows: the rack, the stopwatch, the story so far, the visitor's button. */
public final class AudienceView extends BorderPane {

    public AudienceView(BoothViewModel model, Supplier<Node> rack, Supplier<Node> timeline) {
        getStylesheets().add(AudienceView.class.getResource(Styles.STYLESHEET).toExternalForm());
        Label stopwatch = new Label();
        stopwatch.setId("audience-stopwatch");
        stopwatch.getStyleClass().add("audience-stopwatch");
        stopwatch.textProperty().bind(model.stopwatchProperty());
        Label phase = new Label();
        phase.getStyleClass().add("audience-phase");
        phase.textProperty().bind(model.phaseProperty());
        Label story = new Label();
        story.setId("audience-narrative");
        story.getStyleClass().add("audience-narrative");
        story.setWrapText(true);
        story.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        story.textProperty().bind(model.narrativeProperty());
        Button visitor = new Button();
        visitor.setId("visitor-button");
        visitor.getStyleClass().add("visitor-button");
        visitor.textProperty().bind(model.visitorLabelProperty());
        visitor.disableProperty().bind(model.visitorEnabledProperty().not());
        visitor.setOnAction(e -> model.visitorPull());
        visitor.visibleProperty().bind(model.visitorModeProperty());
        visitor.managedProperty().bind(visitor.visibleProperty());
        Label hint = new Label();
        hint.getStyleClass().add("audience-hint");
        hint.setWrapText(true);
        hint.textProperty().bind(model.visitorHintProperty());
        hint.visibleProperty().bind(model.visitorModeProperty());
        VBox side = new VBox(24, stopwatch, phase, story, visitor, hint);
        side.setPadding(new Insets(32));
        side.setAlignment(Pos.TOP_LEFT);
        side.setPrefWidth(560);
        Node rackNode = rack.get();
        HBox top = new HBox(rackNode, side);
        HBox.setHgrow(rackNode, Priority.ALWAYS);
        setCenter(top);
        Node timelineNode = timeline.get();
        setBottom(timelineNode);
        if (timelineNode instanceof javafx.scene.layout.Region region) {
            region.setPrefHeight(320);
        }
        getStyleClass().add("audience");
    }
}
