package io.pirack.bench;

import io.pirack.app.ClusterSession;
import io.pirack.core.rack.RackSpec;
import io.pirack.sim.SimTimings;
import io.pirack.ui.common.FramePublisher;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;

/**
 * Child process for the startup benchmark: starts JavaFX and the rehearsal rack session the way
 * the app does (in parallel), and prints when the first frame with every node reached the view.
 * Not the full app window: it measures the data path up to the first rack frame.
 */
public final class StartupProbe {

    static final String MARK = "PIRACK_FIRST_FRAME ";

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        RackSpec spec = RackSpec.rehearsal(4);
        CountDownLatch fxUp = new CountDownLatch(1);
        Platform.startup(fxUp::countDown);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainEntered = System.currentTimeMillis();
        ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(spec, SimTimings.demoTuned(), 1));
        long rackUp = System.currentTimeMillis();
        session.start();
        fxUp.await();
        long fxReady = System.currentTimeMillis();
        ViewUnderTest view = ViewUnderTest.rackTables();
        CountDownLatch first = new CountDownLatch(1);
        FramePublisher publisher = new FramePublisher(session.store(), session.links(), () -> spec, Map::of, Platform::runLater);
        publisher.subscribe(frame -> {
            view.sink().accept(frame);
            if (first.getCount() > 0 && frame.cluster().api().isLive() && frame.cluster().nodes().size() == spec.slots().size()) {
                System.out.println(MARK + System.currentTimeMillis() + " " + jvmStart + " " + mainEntered + " " + rackUp + " " + fxReady);
                System.out.flush();
                first.countDown();
            }
        });
        first.await();
        // The process only existed to be timed; tearing the rack down would only add noise.
        Runtime.getRuntime().halt(0);
    }
}
