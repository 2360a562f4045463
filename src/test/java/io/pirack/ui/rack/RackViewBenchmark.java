package io.pirack.ui.rack;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.testing.ClusterFixtures;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.ui.Styles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * FX work per frame of the rack view (map + apply + CSS + layout, not the GPU render), with
 * synthetic churn. A measurement, not a test: {@code java -cp … io.pirack.ui.rack.RackViewBenchmark 100 3000 40}.
 */
public final class RackViewBenchmark {

    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        int podCount = Integer.parseInt(args[1]);
        int changesPerFrame = Integer.parseInt(args[2]);
        RackSnapshot.startHeadlessToolkit();
        RackSpec spec = RackSpec.rehearsal(nodes);
        List<NodeInfo> nodeList = new ArrayList<>();
        List<LeaseInfo> leases = new ArrayList<>();
        spec.slots().forEach(s -> {
            nodeList.add(ClusterFixtures.readyNode(s.hostname()));
            leases.add(ClusterFixtures.lease(s.hostname(), ClusterFixtures.T0));
        });
        Map<String, PodInfo> pods = new HashMap<>();
        for (int i = 0; i < podCount; i++) {
            PodInfo p = ClusterFixtures.readyPod("app" + (i % 7) + "-" + i, "rpi" + (1 + i % nodes), "app" + (i % 7));
            pods.put(p.key(), p);
        }
        List<String> keys = new ArrayList<>(pods.keySet());
        Random random = new Random(42);
        Stage[] stage = new Stage[1];
        RackView[] view = new RackView[1];
        onFx(() -> {
            view[0] = new RackView(PlugActions.NONE, s -> { });
            Scene scene = new Scene(view[0], 1920, 1080);
            scene.getStylesheets().add(RackView.class.getResource(Styles.STYLESHEET).toExternalForm());
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
        });
        int frames = 400;
        long[] nanos = new long[frames];
        long[] showNanos = new long[frames];
        long[] mapNanos = new long[frames];
        Instant now = ClusterFixtures.T0;
        for (int f = 0; f < frames + 50; f++) {
            for (int c = 0; c < changesPerFrame; c++) {
                String key = keys.get(random.nextInt(keys.size()));
                PodInfo p = pods.get(key);
                PodPhase phase = PodPhase.values()[random.nextInt(3)];
                // Mostly status changes in place; one in ten pods is replaced on another Pi.
                String node = random.nextInt(10) == 0 ? "rpi" + (1 + random.nextInt(nodes)) : p.nodeName();
                pods.put(key, ClusterFixtures.pod(p.name(), node, phase, random.nextBoolean(),
                        random.nextInt(10) == 0, OwnerKind.REPLICA_SET, p.app()));
            }
            now = now.plusMillis(200);
            ClusterSnapshot s = ClusterFixtures.snapshot(ClusterFixtures.LIVE, nodeList, List.copyOf(pods.values()), leases, List.of());
            RackFrame frame = ClusterFixtures.frame(spec, s, now);
            int index = f - 50;
            onFx(() -> {
                long start = System.nanoTime();
                new RackViewModel().map(frame);
                long mapped = System.nanoTime();
                view[0].show(frame);
                long shown = System.nanoTime();
                view[0].getScene().getRoot().applyCss();
                view[0].getScene().getRoot().layout();
                if (index >= 0) {
                    nanos[index] = System.nanoTime() - shown + (shown - mapped);
                    showNanos[index] = shown - mapped;
                    mapNanos[index] = mapped - start;
                }
            });
        }
        Arrays.sort(nanos);
        Arrays.sort(showNanos);
        Arrays.sort(mapNanos);
        System.out.printf("  of which view model map p50 %.2f ms p99 %.2f ms; show (map + apply) p50 %.2f ms p99 %.2f ms%n",
                mapNanos[frames / 2] / 1e6, mapNanos[frames * 99 / 100] / 1e6, showNanos[frames / 2] / 1e6,
                showNanos[frames * 99 / 100] / 1e6);
        System.out.printf("%d nodes, %d pods, %d changes/frame: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", nodes, podCount,
                changesPerFrame, nanos[frames / 2] / 1e6, nanos[frames * 99 / 100] / 1e6, nanos[frames - 1] / 1e6);
        Platform.exit();
    }

    private static void onFx(Runnable work) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get();
    }
}
