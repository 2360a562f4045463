package io.pirack.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The timeline's lane layout never draws two labels or two markers on top of each other, and never loses an
 * event: each one is labelled or counted in a collapsed marker. Fed with the events of a real drill on the
 * rehearsal rack (pull of rpi3, demo tuning, recorded by PiRack's timeline) and with synthetic bursts.
 */
class LaneLayoutTest {

    /** Plot width at 1280×800 minus the lane names. */
    private static final double WIDTH = 1160;
    private static final LaneLayout.Params PARAMS = new LaneLayout.Params(16, 4, 8, 2);
    /** Wider than the real 11 px font, so the test errs on the crowded side. */
    private static final double CHAR_WIDTH = 7;

    private record Event(double offset, String lane, String kind, String description) {
    }

    static Stream<Arguments> zoomLevels() {
        return Stream.of(5.0, 30.0, 120.0, 600.0, 3600.0).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} s across the lanes")
    @MethodSource("zoomLevels")
    void aRealDrillsEventsNeverOverlapAndAreAllReachable(double spanSeconds) throws IOException {
        List<Event> events = drillEvents();
        double pull = events.stream().filter(e -> e.kind().equals("PLUG_PULLED")).findFirst().orElseThrow().offset();
        // Windows that slide across the whole drill, like a presenter panning.
        for (double start = pull - spanSeconds * 0.1; start < pull + 40; start += Math.max(spanSeconds / 3, 2)) {
            List<LaneLayout.Item> items = itemsIn(events, start, spanSeconds);
            check(items, LaneLayout.layout(items, PARAMS, LaneLayoutTest::width, LaneLayoutTest::symbolWidth));
        }
    }

    @ParameterizedTest(name = "{0} s across the lanes")
    @MethodSource("zoomLevels")
    void fiftyEventsInOneHundredMillisecondsNeverOverlapAndAreAllReachable(double spanSeconds) {
        List<LaneLayout.Item> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            double t = 1 + i * 0.002; // 50 events within 100 ms
            String lane = i % 5 == 0 ? "cluster" : "rpi3";
            String kind = i % 3 == 0 ? "POD_READY" : "POD_MARKED_FOR_DELETION";
            items.add(new LaneLayout.Item(lane, t / spanSeconds * WIDTH, "demo/hello-7d4b9-" + i + " evicted",
                    kind, kind.equals("POD_READY") ? "pods Ready" : "pods evicted"));
        }
        items.add(new LaneLayout.Item("rpi3", (1 + 0.3) / spanSeconds * WIDTH, "NotReady", "NODE", null));

        List<LaneLayout.Placed> placed = LaneLayout.layout(items, PARAMS, LaneLayoutTest::width,
                LaneLayoutTest::symbolWidth);

        check(items, placed);
        assertTrue(placed.size() < items.size(), "simultaneous events collapse");
    }

    @Test
    void simultaneousEventsOfOneKindReadAsOneMarkerWithACount() {
        List<LaneLayout.Item> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            items.add(new LaneLayout.Item("rpi3", 100 + i, "demo/web-" + i + " evicted", "EVICT", "pods evicted"));
        }
        items.add(new LaneLayout.Item("rpi3", 102, "taint NoExecute", "TAINT", null));

        List<LaneLayout.Placed> placed = LaneLayout.layout(items, PARAMS, LaneLayoutTest::width);

        assertEquals(1, placed.size());
        assertEquals("demo/web-0 evicted +4 more", placed.get(0).label());
        assertEquals("4 pods evicted", LaneLayout.layout(items.subList(0, 4), PARAMS, LaneLayoutTest::width)
                .get(0).label());
    }

    @Test
    void eventsAtTheSameTimeLabelledByTheirTimeShowTheTimeOnce() {
        List<LaneLayout.Item> items = List.of(new LaneLayout.Item("strip", 20, "0.0", "LINK_LOST", null),
                new LaneLayout.Item("strip", 20, "0.0", "LAST_HEARTBEAT", null));

        List<LaneLayout.Placed> placed = LaneLayout.layout(items, PARAMS, LaneLayoutTest::width);

        assertEquals(1, placed.size());
        assertEquals("0.0", placed.get(0).label(), "one moment, one number; not \"0.0 +1 more\"");
    }

    @Test
    void aLabelThatFitsNowhereIsDroppedButItsMarkerStays() {
        LaneLayout.Params oneRow = new LaneLayout.Params(16, 1, 8, 2);
        List<LaneLayout.Item> items = List.of(new LaneLayout.Item("rpi3", 100, "a long first label", "A", null),
                new LaneLayout.Item("rpi3", 130, "second", "B", null));

        List<LaneLayout.Placed> placed = LaneLayout.layout(items, oneRow, LaneLayoutTest::width);

        assertEquals(2, placed.size(), "both markers are drawn");
        assertTrue(placed.get(0).labelled());
        assertFalse(placed.get(1).labelled(), "its label would touch the first one");
    }

    private static double width(String text) {
        return text.length() * CHAR_WIDTH + 6;
    }

    /** "✕" or "✕×12" at the 15 px symbol font. */
    private static double symbolWidth(int count) {
        return count == 1 ? 16 : 16 + 9 * (1 + String.valueOf(count).length());
    }

    private static void check(List<LaneLayout.Item> items, List<LaneLayout.Placed> placed) {
        // Every event is reachable: in exactly one marker, labelled or counted.
        Map<LaneLayout.Item, Integer> seen = new IdentityHashMap<>();
        for (LaneLayout.Placed p : placed) {
            for (LaneLayout.Item member : p.members()) {
                seen.merge(member, 1, Integer::sum);
                assertEquals(p.lane(), member.lane());
            }
            if (p.collapsed()) {
                boolean sameWords = p.members().stream().allMatch(m -> m.label().equals(p.label()));
                assertTrue(sameWords || p.label().startsWith(p.members().size() + " ")
                        || p.label().endsWith(" +" + (p.members().size() - 1) + " more"), p.label());
            }
        }
        assertEquals(items.size(), seen.size(), "every event is in a marker");
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "no event is in two markers");
        // No two labels intersect; no two markers of a lane are closer than a symbol.
        for (int i = 0; i < placed.size(); i++) {
            for (int j = i + 1; j < placed.size(); j++) {
                LaneLayout.Placed a = placed.get(i);
                LaneLayout.Placed b = placed.get(j);
                if (!a.lane().equals(b.lane())) {
                    continue; // lanes are stacked, so their rectangles cannot meet
                }
                LaneLayout.Placed left = a.x() <= b.x() ? a : b;
                LaneLayout.Placed next = left == a ? b : a;
                assertTrue(next.x() - left.x() >= symbolWidth(left.members().size()),
                        "symbols of " + left + " and " + next + " touch");
                if (a.labelled() && b.labelled() && a.row() == b.row()) {
                    assertTrue(a.labelTo() <= b.labelFrom() || b.labelTo() <= a.labelFrom(),
                            "labels '" + a.label() + "' and '" + b.label() + "' intersect in row " + a.row());
                }
            }
        }
    }

    private static List<LaneLayout.Item> itemsIn(List<Event> events, double start, double span) {
        List<LaneLayout.Item> items = new ArrayList<>();
        for (Event e : events) {
            if (e.kind().equals("HEARTBEAT_RENEWED")) {
                continue; // drawn as a strip
            }
            double x = (e.offset() - start) / span * WIDTH;
            if (x >= 0 && x <= WIDTH) {
                items.add(new LaneLayout.Item(e.lane(), x, e.description(), e.kind(), null));
            }
        }
        return items;
    }

    /** The fixture: every timeline event of one real drill, as exported by TimelineExport.timelineCsv. */
    private static List<Event> drillEvents() throws IOException {
        try (InputStream in = LaneLayoutTest.class.getResourceAsStream("/fixtures/timeline/drill-rpi3-demo-events.csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Event> events = new ArrayList<>();
            List<List<String>> rows = csv(text);
            for (List<String> row : rows.subList(1, rows.size())) {
                events.add(new Event(Double.parseDouble(row.get(0)), row.get(3), row.get(4), row.get(6)));
            }
            assertTrue(events.size() > 100, "a real drill has many events: " + events.size());
            return Collections.unmodifiableList(events);
        }
    }

    /** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        return rows;
    }
}
