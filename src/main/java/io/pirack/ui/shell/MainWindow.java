package io.pirack.ui.shell;

import io.pirack.ui.Styles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The operator window's frame: menu bar, navigation between the screens (⌘1–⌘5), banners for
 * problems, the screen itself and the status bar. Screens are created lazily on first visit.
 */
public final class MainWindow {

    /** One navigable screen. */
    public record Screen(String id, String title, Supplier<Node> factory) {
    }

    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private final Map<String, Screen> screens = new LinkedHashMap<>();
    private final Map<String, Node> built = new LinkedHashMap<>();
    private final Map<String, ToggleButton> buttons = new LinkedHashMap<>();
    private final Label busyText = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final MenuBar menuBar = new MenuBar();
    private final Menu fileMenu = new Menu("File");
    private final Menu viewMenu = new Menu("View");
    private Consumer<String> onScreenChanged = id -> { };

    public MainWindow(StatusViewModel status) {
        root.getStyleClass().add("main-window");
        VBox nav = new VBox(4);
        nav.getStyleClass().add("nav");
        nav.setPadding(new Insets(12, 8, 12, 8));
        Label brand = new Label("PiRack");
        brand.getStyleClass().add("brand");
        nav.getChildren().add(brand);
        content.getStyleClass().add("content");

        Label apiBanner = banner();
        apiBanner.textProperty().bind(status.apiBannerProperty());
        apiBanner.setId("api-banner");
        Label notice = banner();
        notice.textProperty().bind(status.noticeProperty());
        notice.setId("notice-banner");
        notice.pseudoClassStateChanged(Styles.WARNING, true);
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(e -> status.noticeProperty().set(""));
        HBox noticeRow = new HBox(8, notice, dismiss);
        noticeRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(notice, Priority.ALWAYS);

        busy.setPrefSize(18, 18);
        HBox busyRow = new HBox(8, busy, busyText);
        busyRow.setAlignment(Pos.CENTER_LEFT);
        busyRow.getStyleClass().add("busy-row");

        VBox top = new VBox(menuBar);
        List<Node> rows = List.of(busyRow, noticeRow, apiBanner);
        showWhileSaying(top, rows, busyRow, busyText.textProperty());
        showWhileSaying(top, rows, noticeRow, status.noticeProperty());
        showWhileSaying(top, rows, apiBanner, status.apiBannerProperty());
        menuBar.getMenus().addAll(fileMenu, viewMenu);
        menuBar.setUseSystemMenuBar(true);

        Label source = new Label();
        source.textProperty().bind(Bindings.concat("Cluster: ", status.sourceProperty()));
        Label api = new Label();
        api.setId("api-state");
        api.getStyleClass().add(Styles.API_STATE);
        api.textProperty().bind(status.apiProperty());
        status.apiLookProperty().addListener((o, was, look) -> {
            api.pseudoClassStateChanged(Styles.READY, look == StatusViewModel.ApiLook.CONNECTED);
            api.pseudoClassStateChanged(Styles.UNREACHABLE, look == StatusViewModel.ApiLook.UNREACHABLE);
        });
        Label counts = new Label();
        counts.setId("counts");
        counts.textProperty().bind(status.countsProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(16, source, api, spacer, counts);
        statusBar.getStyleClass().add(Styles.STATUS_BAR);
        statusBar.setAlignment(Pos.CENTER_LEFT);

        root.setTop(top);
        root.setLeft(nav);
        root.setCenter(content);
        root.setBottom(statusBar);
        navigation.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null && was != null) {
                was.setSelected(true); // one screen is always shown
            } else if (now != null) {
                show((String) now.getUserData());
            }
        });
        this.navBox = nav;
    }

    private final VBox navBox;

    private static Label banner() {
        Label banner = new Label();
        banner.getStyleClass().add(Styles.BANNER);
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        return banner;
    }

    /**
     * Keeps {@code row} in {@code box}, in its place among {@code rows} (after the box's first child), only
     * while {@code text} is not empty. Not {@code visible=false}: a hidden node's changes still ask JavaFX for a
     * render but give it no dirty region, and then it repaints the whole window (issue 20).
     */
    private static void showWhileSaying(VBox box, List<Node> rows, Node row, javafx.beans.value.ObservableStringValue text) {
        Runnable place = () -> {
            boolean shown = text.get() != null && !text.get().isEmpty();
            boolean in = row.getParent() == box;
            if (shown && !in) {
                int at = 1;
                for (Node r : rows.subList(0, rows.indexOf(row))) {
                    at += r.getParent() == box ? 1 : 0;
                }
                box.getChildren().add(at, row);
            } else if (!shown && in) {
                box.getChildren().remove(row);
            }
        };
        text.addListener((o, was, now) -> place.run());
        place.run();
    }

    public void addScreen(Screen screen) {
        screens.put(screen.id(), screen);
        int index = screens.size();
        ToggleButton button = new ToggleButton(screen.title());
        button.setId("nav-" + screen.id());
        button.getStyleClass().add(Styles.NAV_BUTTON);
        button.setUserData(screen.id());
        button.setToggleGroup(navigation);
        button.setMaxWidth(Double.MAX_VALUE);
        navBox.getChildren().add(button);
        buttons.put(screen.id(), button);
        MenuItem item = new MenuItem(screen.title());
        item.setAccelerator(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(index)), KeyCombination.SHORTCUT_DOWN));
        item.setOnAction(e -> select(screen.id()));
        viewMenu.getItems().add(item);
    }

    public void addFileItem(MenuItem item) {
        fileMenu.getItems().add(item);
    }

    /**
     * Kiosk lock: operator-only screens (and the File menu) cannot be reached until unlocked; a
     * locked screen that is showing gives way to the first screen.
     */
    public void setLocked(boolean locked, java.util.Set<String> operatorOnlyScreens) {
        for (String id : operatorOnlyScreens) {
            ToggleButton button = buttons.get(id);
            if (button != null) {
                button.setDisable(locked);
                if (locked && button.isSelected()) {
                    select(buttons.keySet().iterator().next());
                }
            }
        }
        viewMenu.getItems().forEach(item -> item.setDisable(locked && operatorOnlyScreens.stream()
                .anyMatch(id -> screens.containsKey(id) && screens.get(id).title().equals(item.getText()))));
        fileMenu.setDisable(locked);
    }

    public void select(String id) {
        ToggleButton button = buttons.get(id);
        if (button == null) {
            button = buttons.values().iterator().next();
        }
        if (button.isDisabled()) {
            return; // a screen the kiosk lock hides stays hidden, whichever shortcut asked
        }
        button.setSelected(true);
    }

    private void show(String id) {
        Node node = built.computeIfAbsent(id, k -> screens.get(k).factory().get());
        content.getChildren().setAll(node);
        onScreenChanged.accept(id);
    }

    public void setOnScreenChanged(Consumer<String> listener) {
        onScreenChanged = listener;
    }

    /** Shows progress for work over a second; empty text hides it. */
    public void setBusy(String text) {
        busyText.setText(text == null ? "" : text);
    }

    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(MainWindow.class.getResource(Styles.STYLESHEET).toExternalForm());
        return scene;
    }

    public BorderPane root() {
        return root;
    }
}
