package io.pirack.tuning;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.sim.RackUnderTest;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimTimings;
import io.pirack.sim.SimWorkload;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pre-pull on the rehearsal rack, which models image presence: a node without the image reports
 * it only after a pull. The DaemonSet reaches every node (control plane included), the images show
 * up in node.status.images, and cleanup removes the DaemonSet.
 */
class ImagePrePullOnRehearsalRackTest {

    private static final Duration REAL_TIMEOUT = Duration.ofSeconds(180); // a safety net: a loaded machine starts a rack slowly
    private static final List<String> IMAGES = List.of(SimWorkload.DEMO_IMAGE, SimWorkload.STATEFUL_IMAGE);

    @Test
    void prePullPutsEveryDemoImageOnEveryNodeAndCleanupRemovesTheDaemonSet() throws Exception {
        RehearsalRack.Options notPulled = new RehearsalRack.Options(6, false, Set.of(), 42L, 0);
        try (RackUnderTest t = new RackUnderTest(RackSpec.rehearsal(4), SimTimings.demoTuned(), 10, notPulled)) {
            ClusterSnapshot before = t.await("four nodes", REAL_TIMEOUT, s -> s.api().isLive() && s.nodes().size() == 4);
            ImagePrePuller puller = new ImagePrePuller(t.client, "default");
            assertFalse(presence(before).allPresent(), "the rack starts without the demo images");
            assertFalse(puller.running());

            puller.start(IMAGES);
            assertTrue(puller.running());
            ClusterSnapshot pulled = t.await("every image on every node", REAL_TIMEOUT, s -> presence(s).allPresent());
            assertTrue(presence(pulled).cells().containsKey("rpi1"), "the control plane gets them too");
            assertTrue(puller.progress(IMAGES).allPresent(), "progress agrees with the nodes");

            puller.cleanup();
            assertFalse(puller.running());
        }
    }

    private static ImagePresence presence(ClusterSnapshot s) {
        return ImagePresence.of(IMAGES, s.nodes().values(), List.of());
    }
}
