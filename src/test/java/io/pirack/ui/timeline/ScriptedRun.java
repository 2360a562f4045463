package io.pirack.ui.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static io.pirack.testing.ClusterFixtures.lease;
import static io.pirack.testing.ClusterFixtures.noExecute;
import static io.pirack.testing.ClusterFixtures.noSchedule;
import static io.pirack.testing.ClusterFixtures.pod;
import static io.pirack.testing.ClusterFixtures.readyNode;
import static io.pirack.testing.ClusterFixtures.unreachableNode;

import io.pirack.core.cluster.EventInfo;
import io.pirack.testing.ClusterFixtures;
import io.pirack.core.timeline.EventDeriver;
import io.pirack.core.timeline.FailoverCorrelator;
import io.pirack.core.timeline.FailoverSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/** A demo-tuned pull of pi2 (one Deployment pod), fed through the real deriver, up to a chosen second. */
public final class ScriptedRun {

    public static final FailoverSettings DEMO = new FailoverSettings(FailoverSettings.DEMO_TUNED, Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofSeconds(120));

    private ScriptedRun() {
    }

    public static FailoverCorrelator upTo(double seconds) {
        FailoverCorrelator correlator = new FailoverCorrelator(DEMO);
        EventDeriver d = new EventDeriver(correlator, Clock.fixed(at(seconds), ZoneOffset.UTC));
        for (String node : new String[] {"pi1", "pi2", "pi3"}) {
            d.nodeChanged(null, readyNode(node, -60));
        }
        d.podChanged(null, pod("web-a").on("pi2").at(-60));
        d.leaseChanged(null, lease("pi2", -11, -10.5));
        d.leaseChanged(null, lease("pi2", -1, -0.5));
        d.plugPulled("pi2", "sim", at(0));
        if (seconds >= 0.8) {
            d.linkLost("pi2", "tcp/22", at(0.8));
        }
        if (seconds >= 10.6) {
            d.nodeChanged(null, unreachableNode("pi2", 10, 10.4, noSchedule()));
            d.eventReceived(new EventInfo("ev-nr", "default", "Node", "pi2", "NodeNotReady",
                    "Node pi2 status is now: NodeNotReady", "Normal", "node-controller",
                    ClusterFixtures.serverAt(10), 1, at(10.5)));
            d.nodeChanged(null, unreachableNode("pi2", 10, 10.6, noSchedule(), noExecute(10)));
        }
        if (seconds >= 19) {
            d.podChanged(null, pod("web-a").on("pi2").markedForDeletion(15, true).at(15.7));
            d.podChanged(null, pod("web-c").pending().createdAt(15).at(15.9));
            d.podChanged(null, pod("web-c").on("pi3").createdAt(15).at(19));
        }
        return correlator;
    }
}
