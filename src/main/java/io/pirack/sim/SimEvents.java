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

    SimEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Deletes events older than the TTL, or beyond the cap. */
    void expire(Instant now) {
        while (true) {
            String[] victim;
            synchronized (written) {
                var oldest = written.peekFirst();
                if (oldest == null || (written.size() <= MAX_EVENTS && !oldest.getKey().plus(EVENT_TTL).isBefore(now))) {
                    return;
                }
                victim = written.removeFirst().getValue();
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

    private void record(HasMetadata about, String component, String type, String reason, String message) {
        String namespace = about.getMetadata().getNamespace() == null ? "default" : about.getMetadata().getNamespace();
        Instant now = clock.instant();
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
            synchronized (written) {
                written.addLast(java.util.Map.entry(now, new String[] {namespace, name}));
            }
        } catch (KubernetesClientException e) {
            // Events are best effort in Kubernetes too; a lost one must not stop a controller.
            LOG.debug("could not record event {} for {}: {}", reason, about.getMetadata().getName(), e.getMessage());
        }
    }
}
