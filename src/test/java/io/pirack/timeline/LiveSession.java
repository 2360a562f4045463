package io.pirack.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static io.pirack.testing.ClusterFixtures.lease;
import static io.pirack.testing.ClusterFixtures.noExecute;
import static io.pirack.testing.ClusterFixtures.noSchedule;
import static io.pirack.testing.ClusterFixtures.pod;
import static io.pirack.testing.ClusterFixtures.readyNode;
import static io.pirack.testing.ClusterFixtures.unreachableNode;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.testing.ClusterFixtures;
import io.pirack.core.timeline.DomainListener;
import io.pirack.core.timeline.FailoverSettings;
import java.time.Duration;

/**
 * A whole demo failover as the store and PiRack would report it, call by call, with the clock moved to
 * each call's time first (so deletes, which take the clock's time, are stamped consistently).
 */
final class LiveSession {

    static final FailoverSettings DEMO = new FailoverSettings(FailoverSettings.DEMO_TUNED, Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofSeconds(120));

    private final DomainListener listener;
    private final ManualTime clock;

    LiveSession(DomainListener listener, ManualTime clock) {
        this.listener = listener;
        this.clock = clock;
    }

    private void at(double seconds) {
        clock.set(ClusterFixtures.at(seconds));
    }

    void play() {
        at(-100);
        listener.apiStatusChanged(null, new ApiStatus.Connected(ClusterFixtures.at(-100)));
        listener.tuningApplied(DEMO, ClusterFixtures.at(-100));
        for (String node : new String[] {"pi1", "pi2", "pi3", "pi4"}) {
            listener.nodeChanged(null, readyNode(node, -100));
        }
        PodInfo a = pod("web-a").on("pi2").at(-100);
        PodInfo b = pod("web-b").on("pi2").at(-100);
        listener.podChanged(null, a);
        listener.podChanged(null, b);
        at(-10.5);
        listener.leaseChanged(null, lease("pi2", -11, -10.5));
        at(-0.5);
        listener.leaseChanged(lease("pi2", -11, -10.5), lease("pi2", -1, -0.5));
        at(0);
        listener.plugPulled("pi2", "sim", ClusterFixtures.at(0));
        at(0.8);
        listener.linkLost("pi2", "tcp/22", ClusterFixtures.at(0.8));
        at(10.4);
        NodeInfo down = unreachableNode("pi2", 10, 10.4, noSchedule());
        listener.nodeChanged(readyNode("pi2", -100), down);
        listener.eventReceived(new EventInfo("ev-nr", "default", "Node", "pi2", "NodeNotReady",
                "Node pi2 status is now: NodeNotReady", "Normal", "node-controller", ClusterFixtures.serverAt(10), 1,
                ClusterFixtures.at(10.4)));
        at(10.6);
        NodeInfo tainted = unreachableNode("pi2", 10, 10.6, noSchedule(), noExecute(10));
        listener.nodeChanged(down, tainted);
        at(12);
        listener.apiStatusChanged(null, new ApiStatus.Unreachable(ClusterFixtures.at(12), "watch closed"));
        at(13);
        listener.apiStatusChanged(null, new ApiStatus.Connected(ClusterFixtures.at(13)));
        listener.nodeChanged(null, tainted); // the relist after the outage
        listener.podChanged(null, a);
        at(15.7);
        PodInfo aMarked = pod("web-a").on("pi2").markedForDeletion(15, true).at(15.7);
        listener.podChanged(a, aMarked);
        at(15.8);
        PodInfo bMarked = pod("web-b").on("pi2").markedForDeletion(15, true).at(15.8);
        listener.podChanged(b, bMarked);
        at(15.9);
        PodInfo c = pod("web-c").pending().createdAt(15).at(15.9);
        listener.podChanged(null, c);
        at(16.0);
        PodInfo d = pod("web-d").pending().createdAt(15).at(16.0);
        listener.podChanged(null, d);
        at(16.1);
        PodInfo cScheduled = pod("web-c").pending().on("pi3").createdAt(15).at(16.1);
        listener.podChanged(c, cScheduled);
        at(16.2);
        PodInfo dScheduled = pod("web-d").pending().on("pi4").createdAt(15).at(16.2);
        listener.podChanged(d, dScheduled);
        at(19.0);
        listener.podChanged(cScheduled, pod("web-c").on("pi3").createdAt(15).at(19.0));
        at(21.0);
        listener.podChanged(dScheduled, pod("web-d").on("pi4").createdAt(15).at(21.0));
        at(46);
        listener.podChanged(aMarked, null);
        at(60);
        listener.plugRestored("pi2", "sim", ClusterFixtures.at(60));
    }
}
