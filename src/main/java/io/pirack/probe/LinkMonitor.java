package io.pirack.probe;

import io.pirack.concurrent.Background;
import io.pirack.core.rack.LinkState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps every Pi's link state. On real hardware it TCP-connects to each Pi's SSH port every
 * 500 ms (all Pis in parallel, so one dead Pi's timeout never delays another's result); on the
 * rehearsal rack it is told the simulated power directly via {@link #report}.
 */
public final class LinkMonitor implements AutoCloseable {

    public static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    public static final Duration PROBE_TIMEOUT = Duration.ofMillis(450);

    private final Clock clock;
    private final Map<String, LinkState> states = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<LinkState>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService probes;
    private final Map<String, ScheduledFuture<?>> tasks = new ConcurrentHashMap<>();

    public LinkMonitor(Clock clock) {
        this.clock = clock;
    }

    public void addListener(Consumer<LinkState> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<LinkState> listener) {
        listeners.remove(listener);
    }

    /** Records a link observation; listeners hear only real changes. */
    public void report(String node, boolean up) {
        LinkState previous = states.get(node);
        if (previous != null && Objects.equals(previous.up(), up)) {
            return;
        }
        LinkState now = new LinkState(node, up, clock.instant());
        states.put(node, now);
        listeners.forEach(l -> l.accept(now));
    }

    /** Starts probing {@code host:port} for a node every {@link #PROBE_INTERVAL}. */
    public synchronized void probe(String node, String host, int port, TcpProbe probe) {
        if (probes == null) {
            probes = Executors.newScheduledThreadPool(4, Background.daemon("link-probe"));
        }
        stopProbing(node);
        states.putIfAbsent(node, LinkState.unknown(node, clock.instant()));
        tasks.put(node, probes.scheduleWithFixedDelay(() -> report(node, probe.reachable(host, port, PROBE_TIMEOUT)),
                0, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
    }

    public synchronized void stopProbing(String node) {
        ScheduledFuture<?> task = tasks.remove(node);
        if (task != null) {
            task.cancel(true);
        }
    }

    public Map<String, LinkState> states() {
        return Map.copyOf(states);
    }

    @Override
    public synchronized void close() {
        tasks.values().forEach(t -> t.cancel(true));
        tasks.clear();
        if (probes != null) {
            probes.shutdownNow();
        }
    }
}
