package io.pirack.app;

import static io.pirack.testing.ClusterFixtures.LIVE;
import static io.pirack.testing.ClusterFixtures.T0;
import static io.pirack.testing.ClusterFixtures.frame;
import static io.pirack.testing.ClusterFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.TimelineSnapshot;
import io.pirack.testing.PushedFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every screen is shown: one timeline per frame, however many screens ask for it. */
class ShownFramesTest {

    @Test
    void theScreensOfOneFrameShareOneTimelineAndTheNextFrameGetsAFreshOne() {
        ShownFrames shown = new ShownFrames();
        PushedFrames live = new PushedFrames();
        AtomicInteger correlated = new AtomicInteger();
        shown.showLive(live, () -> TimelineSnapshot.empty(T0.plusSeconds(correlated.incrementAndGet())));
        List<TimelineSnapshot> seen = new ArrayList<>();
        for (int screen = 0; screen < 3; screen++) {
            shown.subscribe(frame -> seen.add(shown.timeline()));
        }
        RackFrame frame = frame(RackSpec.rehearsal(2), snapshot(LIVE, List.of(), List.of(), List.of(), List.of()), T0);
        live.push(frame);
        assertEquals(1, correlated.get(), "correlated once for three screens");
        assertSame(seen.get(0), seen.get(2));
        live.push(frame);
        assertEquals(2, correlated.get(), "a new frame, a new timeline");
    }
}
