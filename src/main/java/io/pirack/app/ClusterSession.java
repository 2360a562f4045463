package io.pirack.app;

import io.pirack.core.tuning.EffectiveSettings;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.kube.ClusterStore;
import io.pirack.kube.ClusterWatcher;
import io.pirack.probe.LinkMonitor;
import io.pirack.probe.TcpProbe;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One connection to one cluster: the client, the informer-fed store, the link monitor and, on the
 * rehearsal rack, the rack itself. Everything above this sees the same shape for a real cluster
 * and for the simulation; only the power switch is rehearsal-only.
 */
public final class ClusterSession implements AutoCloseable {

    /** Which cluster to connect to. */
    public sealed interface Source {
        String describe();
    }

    public record Rehearsal(RackSpec rack, SimTimings timings, double timeScale) implements Source {
        @Override
        public String describe() {
            return "rehearsal rack (" + timings.name() + ", Kubernetes " + timings.version().shortName()
                    + (timeScale == 1 ? "" : ", " + timeScale + "× speed") + ")";
        }
    }

    public record Kubeconfig(Path file, String context, RackSpec rack) implements Source {
        @Override
        public String describe() {
            return context == null ? "kubeconfig " + file : context;
        }
    }

    private final Source source;
    private final RehearsalRack rehearsal;
    private final KubernetesClient client;
    private final ClusterStore store;
    private final ClusterWatcher watcher;
    private final LinkMonitor links;
    private final Clock clock;
    private final BiConsumer<String, Boolean> powerToLink;
    private boolean started;
    private boolean closed;
    private final java.util.concurrent.atomic.AtomicReference<EffectiveSettings> settingsRead = new java.util.concurrent.atomic.AtomicReference<>();

    private ClusterSession(Source source, RehearsalRack rehearsal, KubernetesClient client, Clock clock) {
        this.source = source;
        this.rehearsal = rehearsal;
        this.client = client;
        this.clock = clock;
        this.store = new ClusterStore(clock, source.describe());
        this.watcher = new ClusterWatcher(client, store, clock);
        this.links = new LinkMonitor(clock);
        if (rehearsal != null) {
            powerToLink = links::report;
            rehearsal.addPowerListener(powerToLink);
            rehearsal.spec().slots().forEach(s -> links.report(s.hostname(), rehearsal.isPowered(s.hostname())));
        } else {
            powerToLink = null;
        }
    }

    /** Connects (starting the rehearsal rack first if asked); blocking, so call it off the FX thread. */
    public static ClusterSession open(Source source) throws ClusterConnection.KubeconfigException {
        return open(source, () -> { });
    }

    /** Like {@link #open(Source)}; a rehearsal rack runs {@code beforeSeed} once its API listens, before it stores its seed. */
    static ClusterSession open(Source source, Runnable beforeSeed) throws ClusterConnection.KubeconfigException {
        return open(source, beforeSeed, () -> { });
    }

    /**
     * Like {@link #open(Source, Runnable)}; a rehearsal rack's kubelets and controllers start once
     * {@code beforeControllers} has run (on a thread of the rack's).
     */
    static ClusterSession open(Source source, Runnable beforeSeed, Runnable beforeControllers) throws ClusterConnection.KubeconfigException {
        if (source instanceof Rehearsal r) {
            RehearsalRack rack = RehearsalRack.startServing(r.rack(), r.timings(), SimClock.realTime(r.timeScale()), beforeSeed,
                    beforeControllers);
            try {
                return new ClusterSession(source, rack, ClusterConnection.forUrl(rack.apiUrl(), rack.serialization()), rack.clock());
            } catch (RuntimeException e) {
                rack.close();
                throw e;
            }
        }
        Kubeconfig k = (Kubeconfig) source;
        ClusterSession session = new ClusterSession(source, null, ClusterConnection.fromKubeconfig(k.file(), k.context()),
                Clock.systemUTC());
        for (PiSlot slot : k.rack().slots()) {
            if (slot.ip() != null) {
                session.links.probe(slot.hostname(), slot.ip(), slot.sshPort() > 0 ? slot.sshPort() : 22, TcpProbe.socket());
            }
        }
        return session;
    }

    /**
     * Starts the informers (any thread: the app starts them off the FX thread, issue 20 — creating five
     * informers and their first requests took 170–750 ms there). Once; not after {@link #close()}.
     */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        watcher.start();
    }

    public Source source() {
        return source;
    }

    public ClusterStore store() {
        return store;
    }

    public LinkMonitor links() {
        return links;
    }

    public KubernetesClient client() {
        return client;
    }

    public Clock clock() {
        return clock;
    }

    public Optional<RehearsalRack> rehearsal() {
        return Optional.ofNullable(rehearsal);
    }

    /** The failover settings last read from this cluster (the Tuning screen reads them over SSH), if any. */
    public Optional<EffectiveSettings> settingsRead() {
        return Optional.ofNullable(settingsRead.get());
    }

    void settingsRead(EffectiveSettings settings) {
        settingsRead.set(settings);
    }

    @Override
    public void close() {
        synchronized (this) {
            // After a start still under way on another thread: its informers are closed too.
            closed = true;
            watcher.close();
        }
        links.close();
        client.close();
        if (rehearsal != null) {
            rehearsal.removePowerListener(powerToLink);
            rehearsal.close();
        }
    }
}
