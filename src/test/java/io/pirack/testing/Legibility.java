package io.pirack.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * What a person standing in front of the screen notices: text cut short with "…", two pieces of
 * text drawn over each other, a control that lies outside its window. Walks one scene on the FX
 * thread and counts what it looked at, so a caller can prove it checked something.
 */
public final class Legibility {

    /** The outcome of inspecting one scene. */
    public record Report(int labeled, int texts, int controls, List<String> defects) {
    }

    private static final double TOLERANCE = 1.5;

    private Legibility() {
    }

    /**
     * Inspects the scene as it is laid out now. Call on the FX thread.
     *
     * @param overlaps also report visible text nodes that overlap each other (timeline, audience)
     */
    public static Report inspect(Scene scene, boolean overlaps) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        double width = scene.getWidth();
        double height = scene.getHeight();
        List<String> defects = new ArrayList<>();
        List<Text> texts = new ArrayList<>();
        List<Bounds> textBounds = new ArrayList<>();
        int[] counts = new int[2];
        walk(scene.getRoot(), new BoundingBox(-1e6, -1e6, 2e6, 2e6), (node, visible) -> {
            String shown = node instanceof Labeled l && hasText(l) ? shownText(l) : null;
            if (shown != null) {
                Labeled labeled = (Labeled) node;
                counts[0]++;
                String expected = labeled.isMnemonicParsing() ? withoutMnemonic(labeled.getText()) : labeled.getText();
                if (!expected.equals(shown)) {
                    defects.add("elided: \"" + oneLine(expected) + "\" shows as \"" + oneLine(shown) + "\" in " + describe(labeled));
                }
            }
            if (node instanceof Control control) {
                counts[1]++;
                Bounds b = visible;
                if (b.getMinX() < -TOLERANCE || b.getMinY() < -TOLERANCE || b.getMaxX() > width + TOLERANCE
                        || b.getMaxY() > height + TOLERANCE) {
                    defects.add("outside the " + (int) width + "x" + (int) height + " window: " + describe(control)
                            + " at " + rect(b));
                }
            }
            // A rescheduled pod's ghost glides across the rack for 1.4 s on purpose: crossing a label on its way is
            // the animation, not a layout defect (it is still checked for elision above).
            if (node instanceof Text text && text.getText() != null && !text.getText().isBlank() && !inFlight(text)) {
                texts.add(text);
                textBounds.add(visible);
            }
        });
        if (overlaps) {
            for (int i = 0; i < texts.size(); i++) {
                for (int j = i + 1; j < texts.size(); j++) {
                    Bounds a = textBounds.get(i);
                    Bounds b = textBounds.get(j);
                    double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
                    double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
                    if (w > 2 && h > 2) {
                        defects.add("overlap: \"" + oneLine(texts.get(i).getText()) + "\" " + owner(texts.get(i)) + rect(a)
                                + " and \"" + oneLine(texts.get(j).getText()) + "\" " + owner(texts.get(j)) + rect(b));
                    }
                }
            }
        }
        return new Report(counts[0], texts.size(), counts[1], defects);
    }

    private static boolean inFlight(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains(io.pirack.ui.Styles.POD_GHOST)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every visible button, check box, toggle or menu button of the scene that {@code allowed} does not
     * accept: for windows nobody operates (the audience window offers the visitor's button only).
     */
    public static List<String> controlsOffered(Scene scene, java.util.function.Predicate<Node> allowed) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        List<String> found = new ArrayList<>();
        walk(scene.getRoot(), new BoundingBox(-1e6, -1e6, 2e6, 2e6), (node, visible) -> {
            if ((node instanceof javafx.scene.control.ButtonBase || node instanceof javafx.scene.control.ComboBoxBase<?>
                    || node instanceof javafx.scene.control.Spinner<?>) && !allowed.test(node)) {
                found.add("operator control in a window nobody operates: " + describe(node)
                        + (node instanceof Labeled l ? " \"" + l.getText() + "\"" : ""));
            }
        });
        return found;
    }

    private interface Visitor {
        void visit(Node node, Bounds visibleInScene);
    }

    /**
     * Visits every visible node whose clipped bounds are not empty, with those bounds: the clips of its
     * ancestors (scroll viewports, table bodies, split panes) narrow what shows, the window does not.
     */
    private static void walk(Node node, Bounds view, Visitor visitor) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        Bounds narrowed = view;
        if (node.getClip() != null) {
            narrowed = intersect(view, node.localToScene(node.getClip().getBoundsInParent()));
        }
        if (narrowed == null) {
            return;
        }
        Bounds own = node.localToScene(node.getBoundsInLocal());
        Bounds visible = intersect(own, narrowed);
        if (visible == null || visible.getWidth() <= 0 || visible.getHeight() <= 0) {
            return;
        }
        visitor.visit(node, visible);
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, narrowed, visitor);
            }
        }
    }

    private static Bounds intersect(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return maxX < minX || maxY < minY ? null : new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    private static boolean hasText(Labeled labeled) {
        return labeled.getText() != null && !labeled.getText().isBlank()
                && labeled.getContentDisplay() != ContentDisplay.GRAPHIC_ONLY;
    }

    /**
     * The text the skin actually draws (it replaces the end with "…" when it does not fit), or null
     * when the skin hands the text to a nested Labeled (menu buttons), which is checked itself.
     */
    private static String shownText(Labeled labeled) {
        java.util.ArrayDeque<Node> queue = new java.util.ArrayDeque<>(labeled.getChildrenUnmodifiable());
        boolean nested = false;
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            if (node == labeled.getGraphic() || !node.isVisible()) {
                continue;
            }
            if (node instanceof Text text) {
                return text.getText() == null ? "" : text.getText();
            }
            if (node instanceof Labeled) {
                nested = true;
            } else if (node instanceof Parent parent) {
                queue.addAll(parent.getChildrenUnmodifiable());
            }
        }
        return nested ? null : "";
    }

    /** The style classes of the Labeled that draws this text (".label.timeline-marker-label "), or "". */
    private static String owner(Text text) {
        for (Node n = text.getParent(); n != null; n = n.getParent()) {
            if (n instanceof Labeled) {
                return "." + String.join(".", n.getStyleClass()) + " ";
            }
        }
        return "";
    }

    private static String withoutMnemonic(String text) {
        int i = text.indexOf('_');
        return i >= 0 && i + 1 < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
    }

    static String describe(Node node) {
        StringBuilder where = new StringBuilder(node.getClass().getSimpleName());
        if (node.getId() != null) {
            where.append('#').append(node.getId());
        }
        if (!node.getStyleClass().isEmpty()) {
            where.append('.').append(String.join(".", node.getStyleClass()));
        }
        Bounds b = node.localToScene(node.getLayoutBounds());
        return where + " " + rect(b);
    }

    private static String rect(Bounds b) {
        return String.format(java.util.Locale.ROOT, "[%.0f,%.0f %.0fx%.0f]", b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    }

    private static String oneLine(String text) {
        String flat = text.replace('\n', '⏎');
        return flat.length() > 90 ? flat.substring(0, 90) + "[+" + (flat.length() - 90) + "]" : flat;
    }
}
