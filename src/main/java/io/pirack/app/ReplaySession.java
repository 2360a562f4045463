package io.pirack.app;

import io.pirack.concurrent.Background;
import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.timeline.DomainFanOut;
import io.pirack.core.timeline.DomainListener;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.kube.ClusterStore;
import io.pirack.probe.LinkMonitor;
import io.pirack.timeline.RecordedEntry;
import io.pirack.timeline.ReplayScheduler;
import io.pirack.timeline.Replayer;
import io.pirack.timeline.TimelineService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A recording played back into a store, a link monitor and a timeline of its own, so the rack
 * and timeline views show it exactly as they showed the live session — the booth's fallback
 * when the hardware fails, and a way to show a run recorded on the real rack.
 */
public final class ReplaySession implements AutoCloseable {

    private final Replayer replayer;
    private final ClusterStore store;
    private final LinkMonitor links;
    private final TimelineService timeline;
    private final ScheduledExecutorService scheduler;
    private final Map<String, String> plugWords = new ConcurrentHashMap<>();

    public ReplaySession(List<RecordedEntry> entries, String name, FailoverSettings settings) {
        this.scheduler = Background.timer("replay");
        this.replayer = new Replayer(entries, ReplayScheduler.of(scheduler), Clock.systemUTC());
        Clock sessionClock = replayer.sessionClock();
        this.store = new ClusterStore(sessionClock, "replay of " + name);
        this.links = new LinkMonitor(sessionClock);
        this.timeline = TimelineService.forReplay(settings, replayer);
        replayer.deliverTo(new DomainFanOut(List.of(new StoreFeeder(), timeline.listener())));
    }

    public void play(int speed) {
        replayer.play(speed);
    }

    public void pause() {
        replayer.pause();
    }

    public boolean finished() {
        return replayer.finished();
    }

    public ClusterStore store() {
        return store;
    }

    public LinkMonitor links() {
        return links;
    }

    public TimelineService timeline() {
        return timeline;
    }

    public Map<String, String> plugWords() {
        return new TreeMap<>(plugWords);
    }

    @Override
    public void close() {
        replayer.pause();
        scheduler.shutdownNow();
        timeline.close();
        links.close();
    }

    /** Applies recorded calls to the replay's store; a repeated add (a file-start checkpoint) is an update. */
    private final class StoreFeeder implements DomainListener {
        @Override
        public void nodeChanged(NodeInfo before, NodeInfo after) {
            if (after == null) {
                store.removeNode(before.name());
            } else {
                store.putNode(after);
            }
        }

        @Override
        public void podChanged(PodInfo before, PodInfo after) {
            if (after == null) {
                store.removePod(before.key());
            } else {
                store.putPod(after);
            }
        }

        @Override
        public void leaseChanged(LeaseInfo before, LeaseInfo after) {
            if (after == null) {
                store.removeLease(before.nodeName());
            } else {
                store.putLease(after);
            }
        }

        @Override
        public void eventReceived(EventInfo event) {
            store.addEvent(event);
        }

        @Override
        public void apiStatusChanged(ApiStatus before, ApiStatus after) {
            store.setApiStatus(after);
        }

        @Override
        public void plugPulled(String node, String strategy, Instant at) {
            plugWords.put(node, "unplugged (" + strategy + ")");
        }

        @Override
        public void plugRestored(String node, String strategy, Instant at) {
            plugWords.remove(node);
        }

        @Override
        public void linkLost(String node, String probe, Instant at) {
            links.report(node, false);
        }

        @Override
        public void linkRegained(String node, String probe, Instant at) {
            links.report(node, true);
        }
    }
}
