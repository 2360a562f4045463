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
 *
 * <p><b>No flapping on a lossy link.</b> A lit link goes dark only after {@link #MISSES_TO_DARK}
 * checks in a row found nothing: the first miss is confirmed at once by rounds of
 * {@link #CONFIRM_ATTEMPTS} connects sent together (at 30 % loss one SYN is often lost, four at once
 * rarely are). A pulled cable still goes dark within {@code PROBE_INTERVAL + MISSES_TO_DARK ×
 * PROBE_TIMEOUT} = 800 ms (leaving room for a loaded scheduler), because the confirmations follow the miss immediately instead of waiting
 * for the next interval. A dark link lights up at its first answer.
 */
public final class LinkMonitor implements AutoCloseable {

    public static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    /** A switch port answers a SYN in milliseconds; the kernel resends a lost SYN only after 1 s, so waiting longer gains nothing. */
    public static final Duration PROBE_TIMEOUT = Duration.ofMillis(100);
    /** The miss plus its confirmations. */
    public static final int MISSES_TO_DARK = 3;
    /** Connects sent together in each confirmation. */
    public static final int CONFIRM_ATTEMPTS = 4;

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
        tasks.put(node, probes.scheduleWithFixedDelay(() -> check(node, host, port, probe),
                0, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** One check of a node's link (what each interval runs): a lit link needs confirmed misses to go dark. */
    void check(String node, String host, int port, TcpProbe probe) {
        if (probe.reachable(host, port, PROBE_TIMEOUT)) {
            report(node, true);
            return;
        }
        LinkState previous = states.get(node);
        if (previous != null && Boolean.TRUE.equals(previous.up())) {
            for (int confirmation = 1; confirmation < MISSES_TO_DARK; confirmation++) {
                if (probe.anyReachable(host, port, PROBE_TIMEOUT, CONFIRM_ATTEMPTS)) {
                    return;  // lossy, not gone: the link stays lit
                }
            }
        }
        report(node, false);
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
