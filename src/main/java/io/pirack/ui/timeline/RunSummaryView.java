package io.pirack.ui.timeline;

import io.pirack.core.timeline.LaneLayout;
import io.pirack.core.timeline.RunSummary;
import io.pirack.core.timeline.RunVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The run view: one row per failover run, newest first, readable from a few metres — the outcome in words, the
 * phases as a bar with seconds since the pull on each boundary, the predicted window of each phase as a band
 * behind its tick (✓ inside, ▲ late / ▼ early with the difference: never colour alone), and every milestone's
 * seconds as a chip under the bar.
 *
 * <p>Reusable: the timeline screen lists every run and lets the operator choose one; the booth's audience window
 * can embed it with {@code large = true} bound to the same {@link TimelineViewModel}:
 * <pre>{@code
 *   RunSummaryView runs = new RunSummaryView(true);
 *   runs.bind(model.runSummariesProperty(), model.selectedRunProperty(), null); // or model::select
 *   runs.setMaxRuns(1);                                                         // just the current run
 * }</pre>
 */
public final class RunSummaryView extends VBox {

    public static final String VIEW = "run-summary";
    public static final String LARGE = "run-summary-large";
    public static final String ROW = "run-row";
    public static final String TITLE = "run-title";
    public static final String OUTCOME = "run-outcome";
    public static final String BAR = "run-bar";
    public static final String CHIP = "run-chip";
    public static final String TICK = "run-tick";
    public static final String BAND = "run-band";
    public static final String TICK_LABEL = "run-tick-label";
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass INSIDE = PseudoClass.getPseudoClass("inside");
    static final PseudoClass OUTSIDE = PseudoClass.getPseudoClass("outside");
    static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final boolean large;
    private int maxRuns = Integer.MAX_VALUE;
    private List<RunSummary> runs = List.of();
    private RunSummary selected;
    private Consumer<RunSummary> onChoose;

    public RunSummaryView(boolean large) {
        this.large = large;
        getStyleClass().add(VIEW);
        if (large) {
            getStyleClass().add(LARGE);
        }
        getStylesheets().add(RunSummaryView.class.getResource("timeline.css").toExternalForm());
        setSpacing(large ? 14 : 6);
        setFillWidth(true);
    }

    /**
     * Follows {@code runs} and {@code selected}; {@code onChoose} (may be null) is called when a row is clicked.
     */
    public void bind(ObservableValue<List<RunSummary>> runs, ObservableValue<RunSummary> selected,
                     Consumer<RunSummary> onChoose) {
        this.onChoose = onChoose;
        runs.addListener((o, was, is) -> show(is, selected.getValue()));
        selected.addListener((o, was, is) -> show(runs.getValue(), is));
        show(runs.getValue(), selected.getValue());
    }

    /** Only the newest {@code count} runs (the audience window shows one). */
    public void setMaxRuns(int count) {
        maxRuns = count;
        show(runs, selected);
    }

    public void show(List<RunSummary> summaries, RunSummary chosen) {
        runs = summaries == null ? List.of() : summaries;
        selected = chosen;
        List<Node> rows = new ArrayList<>();
        for (RunSummary run : runs.subList(0, Math.min(maxRuns, runs.size()))) {
            rows.add(row(run, chosen != null && chosen.start().equals(run.start()) && chosen.node().equals(run.node())));
        }
        if (rows.isEmpty()) {
            Label none = new Label("No failover yet: pull a plug and the run appears here.");
            none.getStyleClass().add(TITLE);
            none.setWrapText(true);
            rows.add(none);
        }
        getChildren().setAll(rows);
    }

    private Node row(RunSummary run, boolean isSelected) {
        RunVerdict verdict = run.verdict();
        Label outcome = new Label(symbol(verdict) + " " + verdict.summary());
        outcome.getStyleClass().add(OUTCOME);
        outcome.pseudoClassStateChanged(OK, verdict.ok());
        outcome.pseudoClassStateChanged(FAILED, !verdict.ok() && verdict.kind() != RunVerdict.Kind.IN_PROGRESS);
        outcome.setWrapText(true);
        if (!verdict.details().isEmpty()) {
            Tooltip.install(outcome, new Tooltip(String.join("\n", verdict.details())));
        }
        Label title = new Label(run.title());
        title.getStyleClass().add(TITLE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        // A flow pane's minimum width is its widest child's one-line width, so a long verdict ("✓ 2 pods moved in
        // 18.3 s; web-0 stays Terminating (StatefulSet)" in the audience strip at 1280×800) made the whole window
        // wider than the screen. Here the verdict wraps within the row instead: the row's minimum is its children's.
        FlowPane head = new FlowPane(16, 2, outcome, title) {
            @Override
            protected double computeMinWidth(double height) {
                double widest = 0;
                for (Node child : getChildren()) {
                    widest = Math.max(widest, child.minWidth(-1));
                }
                return snappedLeftInset() + widest + snappedRightInset();
            }
        };
        head.setAlignment(Pos.CENTER_LEFT);
        outcome.maxWidthProperty().bind(head.widthProperty());
        outcome.setMinHeight(Region.USE_PREF_SIZE);

        PhaseBar bar = new PhaseBar(run, large ? 46 : 30);
        FlowPane chips = new FlowPane(large ? 18 : 10, 2);
        for (RunSummary.Boundary b : run.boundaries()) {
            if (b.seconds() == null && b.predictedFrom() == null) {
                continue;
            }
            String fit = b.fitText();
            Label chip = new Label(b.text() + (fit.isEmpty() ? "" : "  " + fit));
            chip.getStyleClass().add(CHIP);
            chip.setMinWidth(Region.USE_PREF_SIZE);
            chip.pseudoClassStateChanged(INSIDE, b.fit() == RunSummary.Fit.INSIDE);
            chip.pseudoClassStateChanged(OUTSIDE, b.fit() == RunSummary.Fit.LATE || b.fit() == RunSummary.Fit.EARLY);
            chips.getChildren().add(chip);
        }
        VBox row = new VBox(large ? 6 : 3, head, bar, chips);
        row.getStyleClass().add(ROW);
        row.pseudoClassStateChanged(SELECTED, isSelected);
        row.setUserData(run);
        row.setOnMouseClicked(e -> {
            if (onChoose != null) {
                onChoose.accept(run);
            }
        });
        return row;
    }

    /** A shape for the outcome, so it does not rest on colour: ✓ recovered, ◐ in progress, ✕ failed, ■ halted. */
    static String symbol(RunVerdict verdict) {
        return switch (verdict.kind()) {
            case RECOVERED, RECOVERED_WITH_STAYING -> "✓";
            case NOTHING_TO_MOVE -> "○";
            case IN_PROGRESS -> "◐";
            case EVICTION_HALTED -> "■";
            case NODE_RESTORED -> "↺";
            case FAILED -> "✕";
        };
    }

    /**
     * The phases bar: segments between reached boundaries, the predicted windows as bands behind, one tick per
     * boundary and its seconds above it (labels that would touch are left to the chips below).
     */
    static final class PhaseBar extends Pane {
        private final RunSummary run;
        private final double barHeight;
        private final Text measure = new Text();

        PhaseBar(RunSummary run, double barHeight) {
            this.run = run;
            this.barHeight = barHeight;
            getStyleClass().add(BAR);
            setMinHeight(barHeight + 20);
            setPrefHeight(barHeight + 20);
        }

        @Override
        protected void layoutChildren() {
            getChildren().clear();
            double width = getWidth();
            if (width <= 0) {
                return;
            }
            double top = 18;
            double scale = run.scaleEnd();
            double min = Math.min(0, run.boundaries().stream().filter(b -> b.seconds() != null)
                    .mapToDouble(RunSummary.Boundary::seconds).min().orElse(0));
            double span = scale - min;
            java.util.function.DoubleUnaryOperator x = s -> (s - min) / span * (width - 2) + 1;
            Rectangle track = new Rectangle(x.applyAsDouble(min), top, width - 2, barHeight);
            track.getStyleClass().add("run-track");
            getChildren().add(track);
            // Bands first, so the ticks are drawn over them.
            for (RunSummary.Boundary b : run.boundaries()) {
                if (b.predictedFrom() == null) {
                    continue;
                }
                double from = x.applyAsDouble(b.predictedFrom());
                double to = Math.max(from + 8, x.applyAsDouble(b.predictedTo()));
                Rectangle band = new Rectangle(from, top, to - from, barHeight);
                band.getStyleClass().add(BAND);
                band.pseudoClassStateChanged(INSIDE, b.fit() == RunSummary.Fit.INSIDE);
                band.pseudoClassStateChanged(OUTSIDE, b.fit() == RunSummary.Fit.LATE || b.fit() == RunSummary.Fit.EARLY);
                getChildren().add(band);
            }
            // Phase segments between the reached boundaries, in story order.
            Double previous = 0.0;
            int index = 0;
            for (RunSummary.Boundary b : run.boundaries()) {
                if (b.seconds() == null) {
                    continue;
                }
                double from = x.applyAsDouble(Math.min(previous, b.seconds()));
                double to = x.applyAsDouble(b.seconds());
                Rectangle segment = new Rectangle(from, top + barHeight * 0.3, Math.max(0, to - from), barHeight * 0.4);
                segment.getStyleClass().addAll("run-segment", "run-segment-" + (index++ % 2));
                getChildren().add(segment);
                previous = b.seconds();
            }
            Label sample = new Label();
            sample.getStyleClass().add(TICK_LABEL);
            getChildren().add(sample);
            sample.applyCss();
            measure.setFont(sample.getFont());
            getChildren().remove(sample);
            List<LaneLayout.Item> items = new ArrayList<>();
            for (RunSummary.Boundary b : run.boundaries()) {
                if (b.seconds() == null) {
                    continue;
                }
                double at = x.applyAsDouble(b.seconds());
                Line tick = new Line(at, top - 2, at, top + barHeight + 2);
                tick.getStyleClass().add(TICK);
                tick.pseudoClassStateChanged(INSIDE, b.fit() == RunSummary.Fit.INSIDE);
                tick.pseudoClassStateChanged(OUTSIDE, b.fit() == RunSummary.Fit.LATE || b.fit() == RunSummary.Fit.EARLY);
                getChildren().add(tick);
                String text = String.format(Locale.ROOT, "%.1f", b.seconds());
                // A label at the right end ends there instead of running off the bar.
                items.add(new LaneLayout.Item("bar", Math.min(at, width - widthOf(text)), text, null, null));
            }
            for (LaneLayout.Placed placed : LaneLayout.layout(items, new LaneLayout.Params(1, 1, 4, 0), this::widthOf)) {
                if (!placed.labelled() || placed.labelTo() > width) {
                    continue; // the chips below carry every number
                }
                Label label = new Label(placed.label());
                label.getStyleClass().add(TICK_LABEL);
                label.setMinWidth(Region.USE_PREF_SIZE);
                getChildren().add(label);
                label.applyCss();
                label.autosize(); // added during layout: size it now, the pass that would is over
                label.relocate(placed.labelFrom(), 0);
            }
        }

        private double widthOf(String text) {
            measure.setText(text);
            return measure.getLayoutBounds().getWidth() + 4;
        }
    }
}
