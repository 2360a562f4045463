package io.pirack.core.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Where the timeline's markers and labels go on their lanes, so that nothing is ever drawn on top of anything
 * else. Pure: pixel positions in, pixel positions out; the view only draws the result.
 *
 * <ol>
 *   <li>An event that would touch the symbol before it on its lane joins that marker, which then shows a count
 *       ("✕×4", "4 pods evicted"), so two symbols never overlap.</li>
 *   <li>Each marker's label goes into the first of {@link Params#rows()} rows where it does not touch the label
 *       before it; a label that fits nowhere is dropped (the marker stays, its details in the tooltip).</li>
 * </ol>
 * Every input item ends up in exactly one placed marker's {@code members}.
 */
public final class LaneLayout {

    private LaneLayout() {
    }

    /**
     * One thing to place.
     *
     * @param x       pixel position of its time
     * @param label   its text when it stands alone
     * @param group   what it is, for a collapsed marker's text: items of one group read "4 pods evicted"
     * @param plural  that group's plural words ("pods evicted"); null = "events"
     */
    public record Item(String lane, double x, String label, String group, String plural) {
    }

    /**
     * @param collapseWithin  items closer than this (px) on one lane share a marker (at least the symbol width)
     * @param rows            label rows under the symbol row
     * @param gap             free space kept between two labels of a row (px)
     * @param labelOffset     a label starts this far left of its marker's x
     */
    public record Params(double collapseWithin, int rows, double gap, double labelOffset) {
        public Params {
            if (collapseWithin <= 0 || rows < 0 || gap < 0) {
                throw new IllegalArgumentException("collapseWithin > 0, rows >= 0 and gap >= 0 required");
            }
        }
    }

    /**
     * A marker to draw.
     *
     * @param row    the label row (0-based), or -1 when its label did not fit and is only in the tooltip
     * @param label  "NotReady" or "4 pods evicted"
     * @param labelFrom, labelTo  the label's horizontal extent (px); meaningless when {@code row == -1}
     */
    public record Placed(String lane, double x, int row, String label, double labelFrom, double labelTo,
                         List<Item> members) {
        public Placed {
            members = List.copyOf(members);
        }

        public boolean collapsed() {
            return members.size() > 1;
        }

        public boolean labelled() {
            return row >= 0;
        }
    }

    /** Lays out {@code items} with symbols {@link Params#collapseWithin()} wide whatever their count. */
    public static List<Placed> layout(List<Item> items, Params params, ToDoubleFunction<String> width) {
        return layout(items, params, width, count -> params.collapseWithin());
    }

    /**
     * Lays out {@code items}; {@code width} measures a label's width in pixels, {@code symbolWidth} the width of a
     * marker standing for {@code count} events (a count makes the symbol wider: "✕×12").
     */
    public static List<Placed> layout(List<Item> items, Params params, ToDoubleFunction<String> width,
                                      java.util.function.IntToDoubleFunction symbolWidth) {
        Map<String, List<Item>> byLane = new LinkedHashMap<>();
        for (Item item : items) {
            byLane.computeIfAbsent(item.lane(), l -> new ArrayList<>()).add(item);
        }
        List<Placed> placed = new ArrayList<>();
        for (List<Item> lane : byLane.values()) {
            List<Item> sorted = new ArrayList<>(lane);
            sorted.sort(Comparator.comparingDouble(Item::x));
            double[] rowEnds = new double[params.rows()];
            java.util.Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
            for (List<Item> cluster : clusters(sorted, params.collapseWithin(), params.gap(), symbolWidth)) {
                String label = label(cluster);
                double x = cluster.get(0).x();
                double from = x - params.labelOffset();
                double to = from + width.applyAsDouble(label);
                int row = -1;
                for (int r = 0; r < rowEnds.length; r++) {
                    if (from >= rowEnds[r] + params.gap()) {
                        row = r;
                        rowEnds[r] = to;
                        break;
                    }
                }
                placed.add(new Placed(cluster.get(0).lane(), x, row, label, from, to, cluster));
            }
        }
        return placed;
    }

    /**
     * Runs of items where each would touch its run's symbol (as wide as its count makes it, and never less than
     * {@code within}); the next run starts clear of it.
     */
    private static List<List<Item>> clusters(List<Item> sorted, double within, double gap,
                                              java.util.function.IntToDoubleFunction symbolWidth) {
        List<List<Item>> clusters = new ArrayList<>();
        List<Item> current = null;
        for (Item item : sorted) {
            double reach = current == null ? 0 : Math.max(within, symbolWidth.applyAsDouble(current.size()) + gap);
            if (current == null || item.x() - current.get(0).x() >= reach) {
                current = new ArrayList<>();
                clusters.add(current);
            }
            current.add(item);
        }
        return clusters;
    }

    /**
     * The item's own label; for a collapsed marker "4 pods evicted" when all are of one group with plural words,
     * the shared label when every one says the same (the audience strip labels its markers with their time: two
     * events at "0.0" read "0.0", not "0.0 +1 more"), else the first one's label and how many more ("NotReady +5 more").
     */
    static String label(List<Item> cluster) {
        String first = cluster.get(0).label();
        if (cluster.stream().allMatch(i -> java.util.Objects.equals(first, i.label()))) {
            return first;
        }
        String group = cluster.get(0).group();
        boolean same = group != null && cluster.stream().allMatch(i -> group.equals(i.group()));
        if (same && cluster.get(0).plural() != null) {
            return cluster.size() + " " + cluster.get(0).plural();
        }
        return first + " +" + (cluster.size() - 1) + " more";
    }
}
