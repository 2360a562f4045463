package io.pirack.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Watches that end while their events are on the way (issue 20, session 12): on the rehearsal rack (4 Pis, demo-tuned,
 * real time), a client on the store's own port (as the rack's kubelets and controllers are) opens a watch on every
 * pod, which the mock answers by sending the whole store, and closes it {@code -Dbench.watchEnd.openMillis} (30) later,
 * {@code -Dbench.watchEnd.rounds} (60) times; after each close a second client on that port lists the nodes. Reported:
 * the rounds' wall time, the lists' round trips (p50, max, how many took 5 s or more), the mock's "VertxMockWebSocket
 * write did not complete within 30s" warnings, and the threads still parked in that write at the end. Run:
 * {@code java -cp … io.pirack.bench.WatchEndBench}; no display needed.
 */
public final class WatchEndBench {

    private WatchEndBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.watchEnd.rounds", 60);
        long openMillis = Long.getLong("bench.watchEnd.openMillis", 30);
        AtomicInteger gaveUp = new AtomicInteger();
        Logger socketLog = Logger.getLogger("io.fabric8.mockwebserver.vertx.VertxMockWebSocket");
        Handler warnings = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    gaveUp.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        socketLog.addHandler(warnings);
        Map<String, Object> result = new LinkedHashMap<>();
        try (RehearsalRack rack = RehearsalRack.start(RackSpec.rehearsal(4), SimTimings.demoTuned(), SimClock.realTime(1));
             KubernetesClient watching = ClusterConnection.forUrl(rack.storeUrl());
             KubernetesClient listing = ClusterConnection.forUrl(rack.storeUrl())) {
            listing.nodes().list();
            List<Long> lists = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                Watch watch = watching.pods().inAnyNamespace().watch(new Watcher<Pod>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
                Thread.sleep(openMillis);
                watch.close();
                long sent = System.nanoTime();
                listing.nodes().list();
                lists.add(System.nanoTime() - sent);
            }
            result.put("rounds", rounds);
            result.put("rounds_wall_s", (System.nanoTime() - start) / 1e9);
            List<Long> sorted = lists.stream().sorted().toList();
            result.put("list_after_close_p50_ms", sorted.get(sorted.size() / 2) / 1e6);
            result.put("list_after_close_max_ms", sorted.get(sorted.size() - 1) / 1e6);
            result.put("lists_5s_or_more", sorted.stream().filter(n -> n >= 5_000_000_000L).count());
            result.put("write_gave_up_warnings_during", gaveUp.get());
            result.put("threads_parked_in_awaitWrite_at_end", Thread.getAllStackTraces().values().stream()
                    .filter(stack -> java.util.Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("awaitWrite"))).count());
        } finally {
            socketLog.removeHandler(warnings);
        }
        System.out.println("watch-end " + result);
        System.exit(0);
    }
}
