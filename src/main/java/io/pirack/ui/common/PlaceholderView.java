package io.pirack.ui.common;

import io.pirack.ui.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A screen that is not built yet says what it will do — it never shows invented data. */
public final class PlaceholderView extends VBox {

    public PlaceholderView(String title, String whatWillCome) {
        getStyleClass().add(Styles.PLACEHOLDER);
        setAlignment(Pos.CENTER);
        setSpacing(12);
        Label heading = new Label(title);
        heading.getStyleClass().add("title");
        Label body = new Label(whatWillCome);
        body.setWrapText(true);
        body.setMaxWidth(560);
        getChildren().addAll(heading, body);
    }
}
