package io.pirack.bench;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import io.pirack.trace.HopTrace;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 20's "write → informer callback" taken apart, in one JVM on loopback (no window, no app): the
 * rehearsal rack at 4 Pis, one node's {@code spec.unschedulable} patched N times, one write in flight, and
 * the same write seen by several observers at once, each stamping {@link System#nanoTime()} by the
 * resourceVersion the patch returned:
 * <ul>
 *   <li>{@code informer}: a fabric8 informer on nodes through the front (the app's path);</li>
 *   <li>{@code watch}: a plain fabric8 {@code Watch} through the front (no informer, no cache);</li>
 *   <li>{@code ws_front} / {@code ws_store}: a bare JDK WebSocket watch through the front, and straight on the
 *       mock server's port (no fabric8 at all: the text frame as it arrives).</li>
 * </ul>
 * Writes alternate between fabric8's {@code withName(node).patch(context, String)}, which GETs the node before
 * it sends the PATCH, and one PATCH as {@code kubectl cordon} sends it ({@code -Dbench.watchPath.readBeforeWriteOnly=true}:
 * only the first). Differences between observers are per change ({@code ws_front_minus_ws_store}: the front's
 * tunnel; {@code informer_minus_watch}: the informer's own hand-offs). Run: {@code java -cp … io.pirack.bench.WatchPathBench}
 * ({@code -Dbench.watchPath.changes=500 -Dbench.watchPath.warmup=50 -Dbench.watchPath.pauseMillis=100}); no display needed.
 */
public final class WatchPathBench {

    private static final Pattern VERSION = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");

    /** Stamps per observer: resourceVersion → nanoTime of the first sighting. */
    private final Map<String, Map<String, Long>> seen = new ConcurrentHashMap<>();
    /** The rack's hops ({@link HopTrace}) since the last write was taken apart. */
    private final Queue<HopTrace.Hop> hops = new ConcurrentLinkedQueue<>();
    /** Every thread seen at each point, observers included: the hand-offs a write and its event cross. */
    private final Map<String, Set<String>> threads = new ConcurrentSkipListMap<>();

    private void stamp(String observer, String version) {
        long now = System.nanoTime();
        threads.computeIfAbsent("observer " + observer, k -> new ConcurrentSkipListSet<>()).add(Thread.currentThread().getName());
        seen.computeIfAbsent(observer, k -> new ConcurrentHashMap<>()).putIfAbsent(version, now);
        synchronized (seen) {
            seen.notifyAll();
        }
    }

    /** Waits until every observer has stamped {@code version}, at most until {@code deadline} (nanoTime). */
    private void awaitAll(List<String> observers, String version, long deadline) throws InterruptedException {
        synchronized (seen) {
            long left;
            while (observers.stream().anyMatch(o -> at(o, version) == null) && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(seen, left);
            }
        }
    }

    Map<String, Object> run(int warmup, int changes, long pauseMillis, Consumer<String> progress) throws Exception {
        RackSpec spec = RackSpec.rehearsal(4);
        String node = spec.slots().get(spec.slots().size() - 1).hostname();
        Map<String, Object> result = new LinkedHashMap<>();
        boolean alternate = !Boolean.getBoolean("bench.watchPath.readBeforeWriteOnly");
        try (RehearsalRack rack = RehearsalRack.start(spec, SimTimings.demoTuned(), SimClock.realTime(1),
                RehearsalRack.Options.defaults());
             KubernetesClient writer = ClusterConnection.forUrl(rack.apiUrl());
             KubernetesClient informing = Boolean.getBoolean("bench.watchPath.informerOnSelector")
                     ? informerOnSelector(rack.apiUrl()) : ClusterConnection.forUrl(rack.apiUrl());
             KubernetesClient watching = ClusterConnection.forUrl(rack.apiUrl())) {
            SharedIndexInformer<Node> informer = informing.nodes().inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Node n) {
                }

                @Override
                public void onUpdate(Node old, Node n) {
                    stamp("informer", n.getMetadata().getResourceVersion());
                }

                @Override
                public void onDelete(Node n, boolean unknown) {
                }
            });
            Watch watch = watching.nodes().watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Node n) {
                    stamp("watch", n.getMetadata().getResourceVersion());
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            });
            HttpClient jdk = HttpClient.newHttpClient();
            WebSocket viaFront = rawWatch(jdk, rack.apiUrl(), "ws_front");
            WebSocket onStore = rawWatch(jdk, rack.storeUrl(), "ws_store");
            List<String> observers = List.of("ws_store", "ws_front", "watch", "informer");
            HopTrace.to(hops::add);
            // Two ways to write, alternating: fabric8's withName(node).patch(context, String) (a GET, then the
            // PATCH) and one PATCH (PixelProbeBench.toggle, as kubectl cordon sends it).
            Map<String, Map<String, Samples>> byWay = new LinkedHashMap<>();
            for (String way : alternate ? List.of("get_then_patch", "one_patch") : List.of("get_then_patch")) {
                Map<String, Samples> stages = new LinkedHashMap<>();
                stages.put("round_trip", new Samples());
                observers.forEach(o -> stages.put("to_" + o, new Samples()));
                HOPS.forEach(h -> stages.put("to_" + h, new Samples()));
                stages.put("ws_front_minus_ws_store", new Samples());
                stages.put("informer_minus_watch", new Samples());
                byWay.put(way, stages);
            }
            boolean cordon = true;
            Map<Long, ThreadWakeups.Named> wakeupsBefore = null;
            for (int i = 0; i < warmup + changes; i++) {
                if (i == warmup) {
                    wakeupsBefore = ThreadWakeups.read(ProcessHandle.current().pid());
                }
                boolean onePatch = alternate && i % 2 == 1;
                long start = System.nanoTime();
                String version = PixelProbeBench.toggle(writer, node, cordon, !onePatch);
                long returned = System.nanoTime();
                cordon = !cordon;
                awaitAll(observers, version, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
                if (i >= warmup) {
                    Map<String, Samples> stages = byWay.get(onePatch ? "one_patch" : "get_then_patch");
                    stages.get("round_trip").add(returned - start);
                    for (String o : observers) {
                        Long at = at(o, version);
                        if (at != null) {
                            stages.get("to_" + o).add(at - start);
                        }
                    }
                    takeApart(stages, node, version, start);
                    difference(stages.get("ws_front_minus_ws_store"), at("ws_front", version), at("ws_store", version));
                    difference(stages.get("informer_minus_watch"), at("informer", version), at("watch", version));
                }
                if ((i + 1) % 100 == 0) {
                    progress.accept("watch path: " + (i + 1) + " of " + (warmup + changes));
                }
                // The bench's pace: one write every pauseMillis, so each change travels an otherwise quiet path.
                Thread.sleep(pauseMillis);
                hops.clear();
            }
            HopTrace.to(null);
            // Per change, the rack's own heartbeats and controllers included (the same in A and B).
            result.put("wakeups_per_change", wakeupsBefore == null ? Map.of()
                    : ThreadWakeups.perChangeOfThisJvm(wakeupsBefore, changes));
            watch.close();
            informer.close();
            viaFront.abort();
            onStore.abort();
            result.put("threads", threads);
            result.put("changes", changes);
            result.put("pause_ms", pauseMillis);
            byWay.forEach((way, stages) -> {
                Map<String, Object> summaries = new LinkedHashMap<>();
                stages.forEach((stage, samples) -> summaries.put(stage, samples.summary()));
                result.put(way, summaries);
            });
        }
        return result;
    }

    /** The rack's points a write passes, in order (the {@code ws} ones are the watch frames it caused). */
    private static final List<String> HOPS = List.of("front_read", "store_event", "store_evented", "first_ws_send",
            "first_ws_sent", "last_ws_sent", "front_answered");

    /** Adds this write's hops (from {@code start}) to {@code stages}, and notes the threads that reached them. */
    private void takeApart(Map<String, Samples> stages, String node, String version, long start) {
        String patch = "PATCH /api/v1/nodes/" + node;
        String rv = "\"resourceVersion\":\"" + version + "\"";
        Map<String, Long> first = new LinkedHashMap<>();
        for (HopTrace.Hop hop : hops) {
            String detail = String.valueOf(hop.detail());
            boolean ours = switch (hop.point()) {
                case "front.read", "front.answered" -> detail.startsWith(patch);
                default -> detail.contains(rv);
            };
            if (!ours || hop.at() < start) {
                continue;
            }
            threads.computeIfAbsent(hop.point(), k -> new ConcurrentSkipListSet<>()).add(hop.thread());
            String key = hop.point().replace('.', '_');
            if (key.startsWith("ws_")) {
                first.merge("first_" + key, hop.at(), Math::min);
                if (key.equals("ws_sent")) {
                    first.merge("last_ws_sent", hop.at(), Math::max);
                }
            } else {
                first.merge(key, hop.at(), Math::min);
            }
        }
        first.forEach((key, at) -> stages.get("to_" + key).add(at - start));
    }

    /**
     * An experiment for {@code kube/} (not the app's client): the informer's JDK HttpClient runs its completions and
     * WebSocket callbacks on its selector thread instead of handing them to an executor (one hand-off fewer per
     * event, and a slow handler would stall every connection of that client). {@code -Dbench.watchPath.informerOnSelector=true}.
     */
    private static KubernetesClient informerOnSelector(String url) {
        io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl(url)
                .withNamespace("default").build();
        config.setAutoConfigure(false);
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory() {
                    @Override
                    protected void additionalConfig(java.net.http.HttpClient.Builder builder) {
                        builder.executor(Runnable::run);
                    }
                }).build();
    }

    private Long at(String observer, String version) {
        Map<String, Long> m = seen.get(observer);
        return m == null ? null : m.get(version);
    }

    /** Two threads' stamps of one event: the difference can be a little negative, and is kept as it is. */
    private static void difference(Samples into, Long later, Long earlier) {
        if (later != null && earlier != null) {
            into.add(later - earlier);
        }
    }

    private WebSocket rawWatch(HttpClient jdk, String url, String observer) throws Exception {
        URI uri = URI.create(url.replaceFirst("^http", "ws") + "api/v1/nodes?watch=true");
        return jdk.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    Matcher m = VERSION.matcher(text);
                    if (m.find()) {
                        stamp(observer, m.group(1));
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> r = new WatchPathBench().run(Integer.getInteger("bench.watchPath.warmup", 50),
                Integer.getInteger("bench.watchPath.changes", 500), Long.getLong("bench.watchPath.pauseMillis", 100),
                System.err::println);
        r.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                System.out.println(k);
                m.forEach((stage, summary) -> System.out.println("  " + stage + " " + summary));
            } else {
                System.out.println(k + " " + v);
            }
        });
        System.exit(0);
    }
}
