package io.pirack.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.app.ClusterSession;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.kube.ClusterStore;
import io.pirack.kube.ClusterWatcher;
import io.pirack.probe.LinkMonitor;
import io.pirack.sim.SimTimings;
import io.pirack.frames.FramePublisher;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Child process for the startup benchmark: starts JavaFX while it connects (as the app does), and
 * prints when the first frame with every node reached the view. Without arguments it starts its
 * own rehearsal rack; with an API URL it connects to that server, which is what startup against an
 * already-running cluster costs. Not the full app window: it measures the path to the first frame.
 */
public final class StartupProbe {

    static final String MARK = "PIRACK_FIRST_FRAME ";

    private static volatile long fxReady;

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainEntered = System.currentTimeMillis();
        RackSpec spec = RackSpec.rehearsal(4);
        CountDownLatch fxUp = new CountDownLatch(1);
        Thread fxStarter = new Thread(() -> Platform.startup(() -> {
            fxReady = System.currentTimeMillis();
            fxUp.countDown();
        }), "fx-starter");
        fxStarter.start();
        ClusterStore store;
        LinkMonitor links;
        if (args.length == 0) {
            ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(spec, SimTimings.demoTuned(), 1));
            session.start();
            store = session.store();
            links = session.links();
        } else {
            KubernetesClient client = ClusterConnection.forUrl(args[0]);
            store = new ClusterStore(Clock.systemUTC(), args[0]);
            links = new LinkMonitor(Clock.systemUTC());
            new ClusterWatcher(client, store, Clock.systemUTC()).start();
        }
        long connecting = System.currentTimeMillis();
        fxUp.await();
        ViewUnderTest view = ViewUnderTest.rackViewAndTables();
        CountDownLatch first = new CountDownLatch(1);
        boolean[] firstSeen = {false};
        Consumer<RackFrame> timed = frame -> {
            view.sink().accept(frame);
            if (!firstSeen[0] && frame.cluster().api().isLive() && frame.cluster().nodes().size() == spec.slots().size()) {
                firstSeen[0] = true;
                // Timed when the pulse has styled and laid the frame out in the shown window.
                view.pulses().afterNextLayout(() -> {
                    System.out.println(MARK + System.currentTimeMillis() + " " + jvmStart + " " + mainEntered + " " + connecting
                            + " " + fxReady);
                    System.out.flush();
                    first.countDown();
                });
            }
        };
        new FramePublisher(store, links, () -> spec, Map::of, Platform::runLater).subscribe(timed);
        first.await();
        // The process only existed to be timed; tearing the rack down would only add noise.
        Runtime.getRuntime().halt(0);
    }
}
