package io.pirack.sim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.pirack.concurrent.Background;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.trace.StartupLine;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rehearsal rack: a real Kubernetes API endpoint (fabric8's mock server in CRUD mode, plain
 * HTTP on loopback) with simulated kubelets and control-plane loops acting on it through the same
 * client library PiRack uses. PiRack itself connects to {@link #apiUrl()} exactly as it would to a
 * real cluster; only the power switch ({@link #unplug}, {@link #plugIn}) is special.
 */
public final class RehearsalRack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RehearsalRack.class);
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    /**
     * Options beyond the rack spec and timings.
     *
     * @param port    the API's port on {@code address}; 0 picks a free one
     * @param address where the API listens; loopback unless a caller asks for one of this machine's
     *                own addresses (never the wildcard by default)
     */
    public record Options(int demoReplicas, boolean imagesPrePulled, Set<String> externalKubelets, long seed, int port,
                          InetAddress address, boolean amd64OnlyWorkload) {
        public Options(int demoReplicas, boolean imagesPrePulled, Set<String> externalKubelets, long seed, int port) {
            this(demoReplicas, imagesPrePulled, externalKubelets, seed, port, InetAddress.getLoopbackAddress());
        }

        public Options(int demoReplicas, boolean imagesPrePulled, Set<String> externalKubelets, long seed, int port, InetAddress address) {
            this(demoReplicas, imagesPrePulled, externalKubelets, seed, port, address, false);
        }

        public Options {
            address = address == null ? InetAddress.getLoopbackAddress() : address;
        }

        public static Options defaults() {
            return new Options(6, true, Set.of(), 42L, 0);
        }

        public Options at(InetAddress listenOn, int listenPort) {
            return new Options(demoReplicas, imagesPrePulled, externalKubelets, seed, listenPort, listenOn, amd64OnlyWorkload);
        }

        /**
         * Adds the {@value SimWorkload#AMD64_ONLY_DEPLOYMENT} Deployment, whose image (on the rack's own
         * registry) has no arm64 build: its pods fail to pull on every Pi, as on a real rack.
         */
        public Options withAmd64OnlyWorkload() {
            return new Options(demoReplicas, imagesPrePulled, externalKubelets, seed, port, address, true);
        }
    }

    private final RackSpec spec;
    private final SimTimings timings;
    private final SimClock clock;
    private final KubernetesMockServer server;
    private final SimStore store;
    private final ApiFront front;
    private final KubernetesSerialization json = new KubernetesSerialization();
    private final KubernetesClient client;
    private final SimCache cache;
    private final SimControlPlane controlPlane;
    private final SimEvents events;
    private final SimWriter writer;
    private final SimRegistry registry;
    private final Map<String, SimKubelet> kubelets = new LinkedHashMap<>();
    private final ScheduledExecutorService loop;
    private final List<BiConsumer<String, Boolean>> powerListeners = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.concurrent.ScheduledFuture<?>> deadMen = new HashMap<>();
    private final String controlPlaneHost;
    private java.util.concurrent.ScheduledFuture<?> apiReturn;

    private RehearsalRack(RackSpec spec, SimTimings timings, SimClock clock, Options options, Runnable beforeSeed) {
        this.spec = spec;
        this.controlPlaneHost = spec.slots().stream().filter(sl -> sl.role() == NodeRole.CONTROL_PLANE)
                .map(PiSlot::hostname).findFirst().orElse(null);
        this.timings = timings;
        this.clock = clock;
        // The mock server logs every request at INFO through java.util.logging.
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        this.store = new SimStore(clock);
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), store, false);
        // The store lives on its own loopback port; clients reach it only through the front.
        server.init(InetAddress.getLoopbackAddress(), 0);
        this.front = new ApiFront(options.address(), options.port(),
                new ApiServing(store, clock, new ApiDiscovery(timings.version())));
        try {
            front.up();
            StartupLine.step("rack-serving");
        } catch (java.io.IOException e) {
            server.destroy();
            throw new java.io.UncheckedIOException("the rehearsal rack cannot listen on "
                    + options.address().getHostAddress() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        this.registry = new SimRegistry();
        beforeSeed.run();
        seed(options);
        StartupLine.step("rack-seeded");
        // One JSON mapper for the seed, the rack's own client (and the app's client, through serialization()):
        // each fabric8 client has its own, and each builds its Pod, Node, … (de)serializers on first use. The
        // client comes after the seed: the JDK HTTP client loads the default TLS context (the CA certificates)
        // even for plain HTTP, which is better done after the window's first pulse too (issue 20).
        this.client = server.createClient(builder -> builder.withKubernetesSerialization(json));
        this.writer = new SimWriter(client);
        this.events = new SimEvents(client, clock);
        this.cache = new SimCache(client, false);
        this.controlPlane = new SimControlPlane(writer, cache, timings, events, options.seed());
        for (int i = 0; i < spec.slots().size(); i++) {
            String name = spec.slots().get(i).hostname();
            if (!options.externalKubelets().contains(name)) {
                kubelets.put(name, new SimKubelet(name, i + 1, writer, cache, timings, events, registry::pullError));
            }
        }
        this.loop = Background.timer("rehearsal-rack");
    }

    /** The controllers' and kubelets' caches synced, their loop starts; {@code timeoutMillis} for the caches. */
    private void syncThenTick(long timeoutMillis) {
        cache.startAndSync(timeoutMillis);
        StartupLine.step("rack-synced");
        loop.scheduleWithFixedDelay(this::tick, 0, tickNanos(clock), TimeUnit.NANOSECONDS);
    }

    /** Starts a rack and returns once its API server is up and seeded, and its kubelets and controllers run. */
    public static RehearsalRack start(RackSpec spec, SimTimings timings, SimClock clock, Options options) {
        RehearsalRack rack = new RehearsalRack(spec, timings, clock, options, () -> { });
        try {
            // As long as startServing waits: at load 20 (2 cores) the rack's seven informers took over 10 s to sync.
            rack.syncThenTick(60_000);
        } catch (RuntimeException e) {
            rack.close();
            throw e;
        }
        return rack;
    }

    /**
     * Starts a rack and returns as soon as its API server answers with the seeded objects (issue 20: the app
     * connects while the rack's own caches fill); its kubelets and controllers start on a thread of their own
     * once their caches have synced. Until then the Pis are powered and the API's objects are the seed, as a
     * rack whose kubelets have not yet sent their first heartbeat. {@code beforeSeed} runs, on the calling thread,
     * once the API server listens and before the seed is stored (the app holds the seed's JSON warm-up back
     * while its window is laid out for the first time).
     */
    public static RehearsalRack startServing(RackSpec spec, SimTimings timings, SimClock clock, Runnable beforeSeed) {
        return startServing(spec, timings, clock, beforeSeed, () -> { });
    }

    /**
     * Like {@link #startServing(RackSpec, SimTimings, SimClock, Runnable)}; the thread that starts the kubelets and
     * controllers first runs {@code beforeControllers} (the app holds them until its own first lists have answered:
     * the rack's seven informers and first ticks otherwise share the two cores and the API server with them).
     */
    public static RehearsalRack startServing(RackSpec spec, SimTimings timings, SimClock clock, Runnable beforeSeed,
                                             Runnable beforeControllers) {
        RehearsalRack rack = new RehearsalRack(spec, timings, clock, Options.defaults(), beforeSeed);
        Background.daemon("rehearsal-rack-start").newThread(() -> {
            try {
                beforeControllers.run();
                rack.syncThenTick(60_000);
            } catch (RuntimeException e) { // a close meanwhile (RejectedExecutionException) or caches that never synced
                if (!rack.loop.isShutdown()) {
                    LOG.warn("the rehearsal rack's kubelets and controllers did not start: {}", e.getMessage());
                }
            }
        }).start();
        return rack;
    }

    public static RehearsalRack start(RackSpec spec, SimTimings timings, SimClock clock) {
        return start(spec, timings, clock, Options.defaults());
    }

    /** One simulation tick is 200 ms of simulated time, clamped to 5–50 ms of real time. */
    static long tickNanos(SimClock clock) {
        long real = clock.toReal(Duration.ofMillis(200)).toNanos();
        return Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(TimeUnit.MILLISECONDS.toNanos(50), real));
    }

    /**
     * Creates one seed object; if it already exists the rack's version wins (an external kubelet — the
     * virtual Pi lab — may have registered its Node or Lease first: the seed must not fail the start).
     * Straight into the store through the mock API server's own create and update (issue 20): the same
     * resource versions, creation stamps and watch events as a POST, without ~20 HTTP round trips
     * through the client and the server before the first client can list. Returns the object's uid.
     */
    private String seeded(HasMetadata object) {
        String collection = (object.getApiVersion().contains("/") ? "/apis/" : "/api/") + object.getApiVersion()
                + (object.getMetadata().getNamespace() == null ? "" : "/namespaces/" + object.getMetadata().getNamespace())
                + "/" + object.getPlural();
        byte[] body = json.asJson(object).getBytes(StandardCharsets.UTF_8);
        MockResponse created = store.handleCreate(seedRequest(HttpMethod.POST, collection, body));
        if (created.code() == 409) {
            created = store.handleUpdate(seedRequest(HttpMethod.PUT, collection + "/" + object.getMetadata().getName(), body));
        }
        if (created.code() >= 300) {
            throw new IllegalStateException("the rehearsal rack could not create its " + object.getKind() + " "
                    + object.getMetadata().getName() + ": " + created.code() + " " + created.getBody().readUtf8());
        }
        // Only the uid the store gave it (the control-plane Pi's static pods name their Node as owner). Reading the
        // answer back as its kind built seven kinds' deserializers here, on the way to the app's session: the seed
        // took ~410 ms of this thread's CPU, ~180 ms without (issue 20, packaged start).
        Map<?, ?> answer = json.unmarshal(created.getBody().readUtf8(), Map.class);
        return String.valueOf(((Map<?, ?>) answer.get("metadata")).get("uid"));
    }

    private static RecordedRequest seedRequest(HttpMethod method, String path, byte[] body) {
        return new RecordedRequest("HTTP/1.1", method, path,
                Headers.builder().add("Content-Type", "application/json").build(), new Buffer(body));
    }

    private void seed(Options options) {
        Instant now = clock.instant();
        for (String namespace : List.of("default", "kube-system", "kube-public", "kube-node-lease", SimWorkload.DEMO_NAMESPACE)) {
            seeded(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName(namespace).withCreationTimestamp(SimObjects.time(now)).endMetadata()
                    .withNewStatus().withPhase("Active").endStatus().build());
        }
        Node controlPlaneNode = null;
        PiSlot controlPlaneSlot = null;
        for (PiSlot slot : spec.slots()) {
            Node node = SimWorkload.node(slot, now, options.imagesPrePulled(), timings.version());
            node.getMetadata().setUid(seeded(node));
            seeded(new LeaseBuilder()
                    .withNewMetadata().withName(slot.hostname()).withNamespace("kube-node-lease").endMetadata()
                    .withNewSpec().withHolderIdentity(slot.hostname()).withLeaseDurationSeconds(timings.leaseDurationSeconds())
                    .withRenewTime(SimObjects.microTime(now)).endSpec().build());
            if (slot.role() == NodeRole.CONTROL_PLANE && controlPlaneNode == null) {
                controlPlaneNode = node;
                controlPlaneSlot = slot;
            }
        }
        SimAdmission admission = new SimAdmission(timings.defaultTolerationSeconds());
        if (controlPlaneNode != null) {
            for (Pod pod : SimWorkload.controlPlanePods(controlPlaneSlot, controlPlaneNode, timings)) {
                seeded(inNamespace(admission.admit(pod), "kube-system"));
            }
        }
        if (options.demoReplicas() > 0) {
            seeded(inNamespace(SimWorkload.demoDeployment(options.demoReplicas(), timings.demoTolerationSeconds()), SimWorkload.DEMO_NAMESPACE));
            seeded(inNamespace(SimWorkload.demoStatefulSet(), SimWorkload.DEMO_NAMESPACE));
            seeded(inNamespace(SimWorkload.demoDaemonSet(timings.version()), "kube-system"));
        }
        if (options.amd64OnlyWorkload()) {
            seeded(inNamespace(SimWorkload.amd64OnlyDeployment(registry.amd64OnlyImage()), SimWorkload.DEMO_NAMESPACE));
        }
    }

    /** The object in {@code namespace} (as the client's {@code inNamespace} would put it). */
    private static <T extends HasMetadata> T inNamespace(T object, String namespace) {
        object.getMetadata().setNamespace(namespace);
        return object;
    }

    private void tick() {
        try {
            if (!front.isUp()) {
                // No API: kubelets cannot report and no controller runs.
                return;
            }
            Instant now = clock.instant();
            for (SimKubelet kubelet : kubelets.values()) {
                kubelet.heartbeat(now);
            }
            controlPlane.sync(clock.instant());
            for (SimKubelet kubelet : kubelets.values()) {
                kubelet.sync(clock.instant());
            }
            events.expire(clock.instant());
            forgetServedRequests();
        } catch (RuntimeException e) {
            // The loop must survive anything one pass throws, or the rack would silently freeze.
            LOG.warn("rehearsal rack tick failed: {}", e.toString());
        }
    }

    /**
     * The mock server keeps every request it served for test assertions; a rack that runs for days
     * must not. Measured: ~1.6 KB per request, +120 % heap over 1,000 pull/restore cycles before this.
     */
    private void forgetServedRequests() {
        try {
            while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                // drained
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The API endpoint PiRack connects to, e.g. {@code http://127.0.0.1:43121/}. */
    public String apiUrl() {
        String host = front.address().getHostAddress();
        if (front.address() instanceof java.net.Inet6Address) {
            host = "[" + host.replaceAll("%.*$", "") + "]";
        }
        return "http://" + host + ":" + front.port() + "/";
    }

    /**
     * The CRUD mock server behind the front ({@code http://127.0.0.1:PORT/}), for benchmarks that time
     * the front's hop apart from the store's; clients of the rack use {@link #apiUrl()}.
     */
    public String storeUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/";
    }

    /**
     * The rack's own image registry ({@code 127.0.0.1:PORT}, plain HTTP on loopback), which holds
     * {@code pirack/report:1.0} (linux/amd64 only) and {@code pirack/report:1.0-multiarch} (amd64, arm64, arm/v7).
     */
    public String registryHost() {
        return registry.host();
    }

    /** An image with no build for the Pis, on the rack's registry: pods using it fail with ErrImagePull. */
    public String amd64OnlyImage() {
        return registry.amd64OnlyImage();
    }

    /**
     * The JSON mapper of the rack's own client, warmed up by its start: a client of the rack that reads and
     * writes through it skips building the same (de)serializers again (the app's, issue 20).
     */
    public KubernetesSerialization serialization() {
        return json;
    }

    public RackSpec spec() {
        return spec;
    }

    public SimTimings timings() {
        return timings;
    }

    public SimClock clock() {
        return clock;
    }

    /** Cuts power to a simulated Pi: its kubelet stops at once, as on a real pulled plug. */
    public void unplug(String node) {
        setPower(node, false);
    }

    public void plugIn(String node) {
        setPower(node, true);
    }

    /**
     * The rehearsal twin of the Pi-side dead-man switch: power comes back by itself after
     * {@code simulated} time unless {@link #cancelDeadMan} is called first.
     */
    public synchronized void armDeadMan(String node, Duration simulated) {
        cancelDeadMan(node);
        deadMen.put(node, loop.schedule(() -> {
            deadMen.remove(node);
            if (!isPowered(node)) {
                SimKubelet kubelet = kubelets.get(node);
                applyPower(node, true);
                powerListeners.forEach(l -> l.accept(node, true));
            }
        }, clock.toReal(simulated).toNanos(), TimeUnit.NANOSECONDS));
    }

    public synchronized void cancelDeadMan(String node) {
        java.util.concurrent.ScheduledFuture<?> armed = deadMen.remove(node);
        if (armed != null) {
            armed.cancel(false);
        }
    }

    public synchronized boolean deadManArmed(String node) {
        return deadMen.containsKey(node);
    }

    public boolean isPowered(String node) {
        SimKubelet kubelet = kubelets.get(node);
        return kubelet != null && kubelet.powered();
    }

    public boolean hasNode(String node) {
        return kubelets.containsKey(node);
    }

    /**
     * Runs on the simulation thread. The control-plane Pi takes the API server, etcd, the controllers
     * and the scheduler with it: the API endpoint goes dark for every client and nothing reconciles.
     * Powered back, the Pi boots ({@link SimTimings#bootDelay()}), then the API returns and the
     * controllers start afresh.
     */
    private void applyPower(String node, boolean on) {
        SimKubelet kubelet = kubelets.get(node);
        boolean wasOn = kubelet.powered();
        kubelet.setPowered(on, clock.instant());
        if (!node.equals(controlPlaneHost)) {
            return;
        }
        if (!on && wasOn) {
            controlPlane.stop();
            front.down();
            if (apiReturn != null) {
                apiReturn.cancel(false);
                apiReturn = null;
            }
        } else if (on && !wasOn) {
            apiReturn = loop.schedule(this::controlPlaneBooted, clock.toReal(timings.bootDelay()).toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void controlPlaneBooted() {
        apiReturn = null;
        try {
            front.up();
        } catch (java.io.IOException e) {
            LOG.warn("the rehearsal rack's API could not listen again: {}", e.toString());
            return;
        }
        controlPlane.restart();
    }

    /**
     * Returns once the simulated clock has passed {@code instant}: a timer on the simulation thread,
     * which keeps ticking while the API is down (when no client sees any change to wake it).
     */
    public void awaitSimTime(Instant instant, Duration realTimeout) throws java.util.concurrent.TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + realTimeout.toNanos();
        while (clock.instant().isBefore(instant)) {
            Duration left = Duration.between(clock.instant(), instant);
            long wait = Math.max(1, clock.toReal(left).toNanos());
            try {
                loop.schedule(() -> { }, wait, TimeUnit.NANOSECONDS).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the rehearsal rack's clock stopped", e);
            }
        }
    }

    /** False while the control-plane Pi is off or still booting: every client's connection is refused. */
    public boolean apiServing() {
        return front.isUp();
    }

    /** The Pi that runs the API server, or null for a rack without one. */
    public String controlPlaneNode() {
        return controlPlaneHost;
    }

    private void setPower(String node, boolean on) {
        SimKubelet kubelet = kubelets.get(node);
        if (kubelet == null) {
            throw new IllegalArgumentException("the rehearsal rack has no Pi named '" + node + "'");
        }
        // Power changes take effect between two ticks, never in the middle of a kubelet's pass.
        try {
            loop.submit(() -> applyPower(node, on)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the rehearsal rack did not respond", e);
        }
        powerListeners.forEach(l -> l.accept(node, on));
    }

    /**
     * Told every object the simulated kubelets and controllers write, right after the write: the
     * ground truth that benchmarks compare PiRack's timeline with.
     */
    public void addWriteListener(java.util.function.Consumer<io.fabric8.kubernetes.api.model.HasMetadata> listener) {
        writer.addWriteListener(listener);
    }

    /** Told (node, powered) on every power change; the rehearsal rack's stand-in for the link probe. */
    public void addPowerListener(BiConsumer<String, Boolean> listener) {
        powerListeners.add(listener);
    }

    public void removePowerListener(BiConsumer<String, Boolean> listener) {
        powerListeners.remove(listener);
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        front.close();
        registry.close();
        cache.close();
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // Vert.x gives up waiting for watch connections that the clients are still closing; the
            // port is released either way and nothing else depends on a clean goodbye.
            LOG.debug("rehearsal rack API server closed with open connections: {}", e.getMessage());
        }
    }
}
