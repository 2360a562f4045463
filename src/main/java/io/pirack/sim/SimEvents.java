package io.pirack.sim;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes core/v1 Events as the real components do (events about Nodes go to namespace default). */
final class SimEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SimEvents.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    /** Events this rack wrote, oldest first, so they can expire like --event-ttl (1 h) expires them. */
    private final java.util.ArrayDeque<java.util.Map.Entry<Instant, String[]>> written = new java.util.ArrayDeque<>();
    static final java.time.Duration EVENT_TTL = java.time.Duration.ofHours(1);
    /** The mock API server scans all objects per request, so the rack also caps how many events it keeps. */
    static final int MAX_EVENTS = 300;

    /** An event already written, by its correlation key. */
    private static final class Seen {
        final String name;
        int count = 1;

        Seen(String name) {
            this.name = name;
        }
    }

    private final java.util.Map<String, Seen> aggregated = new java.util.HashMap<>();
    /**
     * {@link #aggregated}'s key by event name, so an expiring event leaves it in one step: a scan of every
     * aggregated event per expired one was a quarter of the rack's thread at 100 Pis while thousands of the
     * start's events drained (JFR, session 16). Guarded by {@code aggregated}.
     */
    private final java.util.Map<String, String> aggregatedKeyByName = new java.util.HashMap<>();

    SimEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * Most events one pass deletes. Each delete is a request to the mock API server, which scans all its objects
     * per request: at 100 nodes a burst of 3,000 "Scheduled" events took the rack's loop minutes to delete one by
     * one, and no kubelet ran meanwhile (the 3,000 pods stayed Pending). A burst now drains over several passes.
     */
    static final int MAX_EXPIRED_PER_PASS = 25;

    /** Deletes events older than the TTL, or beyond the cap ({@link #MAX_EXPIRED_PER_PASS} at most per call). */
    void expire(Instant now) {
        for (int deleted = 0; deleted < MAX_EXPIRED_PER_PASS; deleted++) {
            String[] victim;
            synchronized (written) {
                var oldest = written.peekFirst();
                if (oldest == null || (written.size() <= MAX_EVENTS && !oldest.getKey().plus(EVENT_TTL).isBefore(now))) {
                    return;
                }
                victim = written.removeFirst().getValue();
            }
            String expired = victim[1];
            synchronized (aggregated) {
                String key = aggregatedKeyByName.remove(expired);
                // Only if the key still counts on this event (a failed repeat may have put a newer one there).
                Seen counting = key == null ? null : aggregated.get(key);
                if (counting != null && counting.name.equals(expired)) {
                    aggregated.remove(key);
                }
            }
            try {
                client.v1().events().inNamespace(victim[0]).withName(victim[1]).delete();
            } catch (KubernetesClientException e) {
                LOG.debug("could not expire event {}: {}", victim[1], e.getMessage());
            }
        }
    }

    void normal(HasMetadata about, String component, String reason, String message) {
        record(about, component, "Normal", reason, message);
    }

    void warning(HasMetadata about, String component, String reason, String message) {
        record(about, component, "Warning", reason, message);
    }

    /**
     * The scheduler's event, written as kube-scheduler writes it since 1.19: through events.k8s.io/v1
     * (client-go tools/events), which a core/v1 reader sees with {@code eventTime},
     * {@code reportingComponent}/{@code reportingInstance}, {@code action} and no
     * {@code firstTimestamp}/{@code lastTimestamp}/{@code count}/{@code source}.
     */
    void scheduled(HasMetadata pod, String schedulerHost, String note) {
        String namespace = pod.getMetadata().getNamespace();
        Instant now = clock.instant();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() + sequence.incrementAndGet();
        String name = pod.getMetadata().getName() + "." + Long.toHexString(nanos);
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withNewInvolvedObject()
                        .withKind(pod.getKind()).withName(pod.getMetadata().getName()).withNamespace(namespace)
                        .withUid(pod.getMetadata().getUid()).withApiVersion(pod.getApiVersion())
                    .endInvolvedObject()
                    .withReason("Scheduled").withMessage(note).withType("Normal").withAction("Binding")
                    .withReportingComponent("default-scheduler")
                    .withReportingInstance("default-scheduler-" + (schedulerHost == null ? "" : schedulerHost))
                    .withEventTime(new io.fabric8.kubernetes.api.model.MicroTime(SimObjects.microTimeText(now)))
                    .build()).create();
            remember(now, namespace, name);
        } catch (KubernetesClientException e) {
            LOG.debug("could not record Scheduled for {}: {}", pod.getMetadata().getName(), e.getMessage());
        }
    }

    private void record(HasMetadata about, String component, String type, String reason, String message) {
        String namespace = about.getMetadata().getNamespace() == null ? "default" : about.getMetadata().getNamespace();
        Instant now = clock.instant();
        // client-go's EventCorrelator: an identical event (same object, source, type, reason, message)
        // is not written again; the existing one gets count + 1 and a new lastTimestamp.
        String key = String.join("\u0000", namespace, about.getKind(), about.getMetadata().getName(),
                String.valueOf(about.getMetadata().getUid()), component, type, reason, message);
        Seen seen;
        synchronized (aggregated) {
            seen = aggregated.get(key);
        }
        if (seen != null && repeat(namespace, key, seen, now)) {
            return;
        }
        String name = about.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli()) + sequence.incrementAndGet();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withNewInvolvedObject()
                        .withKind(about.getKind()).withName(about.getMetadata().getName())
                        .withNamespace(about.getMetadata().getNamespace()).withUid(about.getMetadata().getUid())
                        .withApiVersion(about.getApiVersion())
                    .endInvolvedObject()
                    .withReason(reason).withMessage(message).withType(type)
                    .withNewSource().withComponent(component).endSource()
                    .withReportingComponent(component)
                    .withFirstTimestamp(SimObjects.time(now)).withLastTimestamp(SimObjects.time(now)).withCount(1)
                    .build()).create();
            remember(now, namespace, name);
            synchronized (aggregated) {
                Seen replaced = aggregated.put(key, new Seen(name));
                if (replaced != null) {
                    aggregatedKeyByName.remove(replaced.name);
                }
                aggregatedKeyByName.put(name, key);
            }
        } catch (KubernetesClientException e) {
            // Events are best effort in Kubernetes too; a lost one must not stop a controller.
            LOG.debug("could not record event {} for {}: {}", reason, about.getMetadata().getName(), e.getMessage());
        }
    }

    /** Counts a repeat on the existing event; false when that event is gone (expired) and a new one is due. */
    private boolean repeat(String namespace, String key, Seen seen, Instant now) {
        try {
            client.v1().events().inNamespace(namespace).withName(seen.name).patch(
                    io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
                    "[{\"op\":\"add\",\"path\":\"/count\",\"value\":" + (seen.count + 1) + "},"
                            + "{\"op\":\"add\",\"path\":\"/lastTimestamp\",\"value\":\"" + SimObjects.time(now) + "\"}]");
        } catch (KubernetesClientException e) {
            synchronized (aggregated) {
                if (aggregated.remove(key, seen)) {
                    aggregatedKeyByName.remove(seen.name);
                }
            }
            return false;
        }
        seen.count++;
        return true;
    }

    private void remember(Instant now, String namespace, String name) {
        synchronized (written) {
            written.addLast(java.util.Map.entry(now, new String[] {namespace, name}));
        }
    }
}
