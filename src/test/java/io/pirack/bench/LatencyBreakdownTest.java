package io.pirack.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stage breakdown lines the app's trace up with the bench's writes; no timing is measured here. */
class LatencyBreakdownTest {

    private static final long MS = 1_000_000L;

    /** A trace as the app writes it: a heartbeat frame (version 6) before the change, the change's frame (7) after. */
    private static final List<String> TRACE = List.of(
            "B " + 95 * MS + " 6",
            "D " + 96 * MS + " 6",
            "A " + 97 * MS + " 6",
            "P " + 98 * MS,
            "L " + 99 * MS,
            "N " + 110 * MS + " " + 111 * MS + " 7 rv-42 rpi4",
            "B " + 113 * MS + " 7",
            "D " + 120 * MS + " 7",
            "A " + 122 * MS + " 7",
            "P " + 130 * MS,
            "L " + 134 * MS,
            "R " + 137 * MS,
            "S " + 140 * MS,
            "R " + 160 * MS,
            "G " + 140 * MS + " " + 5 * MS + " Copy",
            "half-written line");

    /** The stages of one change written at 100 ms (answered at 105 ms) and seen on screen at {@code pixelSeenMs}. */
    private static Map<String, Object> stagesOf(String resourceVersion, long pixelSeenMs) {
        LatencyBreakdown.Change change = new LatencyBreakdown.Change(100 * MS, 105 * MS, resourceVersion, pixelSeenMs * MS);
        return LatencyBreakdown.parse(TRACE).oneChange(change, List.of());
    }

    @Test
    void eachStageRunsFromThePreviousPointToTheFirstOneThatHoldsTheChange() {
        Map<String, Object> one = stagesOf("rv-42", 170);

        assertEquals(70.0, one.get("write_to_pixel_ms"));
        assertEquals(5.0, one.get("write_round_trip_ms"));
        assertEquals(10.0, one.get("write_to_informer_callback_ms"));
        assertEquals(1.0, one.get("informer_to_store_ms"));
        // The heartbeat frame built at 95 ms (version 6) does not hold the change: the one at 113 ms does.
        assertEquals(2.0, one.get("store_to_frame_built_ms"));
        assertEquals(7.0, one.get("frame_built_to_fx_pickup_ms"));
        assertEquals(2.0, one.get("fx_apply_ms"));
        assertEquals(8.0, one.get("applied_to_pulse_start_ms"));
        assertEquals(4.0, one.get("pulse_css_layout_ms"));
        // The render that ended at 137 ms was the previous pulse's: this pulse's began only after it was over.
        assertEquals(6.0, one.get("layout_to_pulse_over_ms"));
        assertEquals(20.0, one.get("pulse_over_to_render_end_ms"));
        assertEquals(10.0, one.get("render_end_to_pixel_seen_ms"));
        assertEquals(5.0, one.get("app_gc_ms"), "the young collection at 140 ms fell inside the change");
    }

    @Test
    void aChangeTheTraceDoesNotHoldHasNoStagesButKeepsItsTotal() {
        Map<String, Object> one = stagesOf("rv-99", 150);

        assertEquals(50.0, one.get("write_to_pixel_ms"));
        assertNull(one.get("write_to_informer_callback_ms"));
        assertNull(one.get("pulse_over_to_render_end_ms"));
    }

    @Test
    void theReportCountsOnlyChangesTracedEndToEndInTheStagesAndNamesTheSlowest() {
        LatencyBreakdown breakdown = LatencyBreakdown.parse(TRACE);
        List<LatencyBreakdown.Change> changes = List.of(
                new LatencyBreakdown.Change(100 * MS, 105 * MS, "rv-42", 170 * MS),
                new LatencyBreakdown.Change(200 * MS, 204 * MS, "rv-99", 400 * MS),
                new LatencyBreakdown.Change(500 * MS, 501 * MS, "rv-100", 0));
        List<LatencyBreakdown.Pause> benchGc = List.of(new LatencyBreakdown.Pause(300 * MS, 20 * MS, "Copy"));

        Map<String, Object> report = breakdown.report(changes, benchGc, 1);

        assertEquals(2, report.get("changes_seen"));
        assertEquals(1, report.get("changes_traced_end_to_end"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> stages = (Map<String, Map<String, Object>>) report.get("stages");
        assertEquals(1, stages.get("pulse_over_to_render_end").get("count"));
        assertEquals(2, stages.get("write_round_trip").get("count"));
        assertEquals(1, report.get("changes_with_an_app_gc_pause"));
        assertEquals(1, report.get("changes_with_a_bench_gc_pause"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slowest = (List<Map<String, Object>>) report.get("slowest");
        assertEquals(200.0, slowest.get(0).get("write_to_pixel_ms"));
        assertEquals(20.0, slowest.get(0).get("bench_gc_ms"));
        @SuppressWarnings("unchecked")
        List<String> rows = (List<String>) report.get("per_change");
        assertEquals(3, rows.size());
        assertEquals("70.0 5.0 10.0 1.0 2.0 7.0 2.0 8.0 4.0 6.0 20.0 10.0 5.0 0.0", rows.get(0));
        assertEquals("- 1.0 - - - - - - - - - - - -", rows.get(2), "a change never seen has no figures");
    }

    @Test
    void theAppsPausesAtRestAreCountedPerCollectorWithinTheirWindowOnly() {
        List<String> trace = List.of(
                "G " + 100 * MS + " " + 4 * MS + " Copy",
                "G " + 2_000 * MS + " " + 3 * MS + " Copy",
                "G " + 2_500 * MS + " " + 94 * MS + " MarkSweepCompact",
                "G " + 9_000 * MS + " " + 6 * MS + " Copy");
        Map<String, Object> idle = LatencyBreakdown.parse(trace).appPauses(1_000 * MS, 3_000 * MS);

        assertEquals(List.of("Copy", "MarkSweepCompact"), List.copyOf(idle.keySet()));
        assertEquals(94.0, ((Map<?, ?>) idle.get("MarkSweepCompact")).get("max_ms"));
        assertEquals(1, ((Map<?, ?>) idle.get("Copy")).get("count"));
    }
}
