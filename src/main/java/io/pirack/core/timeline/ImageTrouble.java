package io.pirack.core.timeline;

import io.pirack.core.timeline.TimelineEvent.KubeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one reason a failover that evicted everything still never recovers on a rack of Pis: the
 * replacement's image has no arm64 build (the pull fails) or was built for another CPU (exec format
 * error). Read from the replacement pods' Kubernetes events, so the presenter sees it while the run is
 * still going instead of a bare "timed out" five minutes later. Pure.
 */
final class ImageTrouble {

    private ImageTrouble() {
    }

    /** "web-7f9c4 cannot start on rpi2: the image has no linux/arm64/v8 build", one per stuck replacement. */
    static List<String> of(List<PodFailover> pods, List<TimelineEvent> events, Instant until) {
        List<String> out = new ArrayList<>();
        for (PodFailover pod : pods) {
            if (pod.replacement() == null || pod.fate() == PodFate.REPLACED) {
                continue;
            }
            String key = pod.replacement().key();
            events.stream()
                    .filter(e -> e instanceof KubeEvent k && key.equals(k.subject()) && !e.receivedAt().isAfter(until))
                    .map(e -> ((KubeEvent) e).imageTrouble())
                    .flatMap(Optional::stream)
                    .findFirst()
                    .ifPresent(why -> out.add(pod.replacement().name() + " cannot start"
                            + (pod.replacementNode() == null ? "" : " on " + pod.replacementNode()) + ": " + why));
        }
        return List.copyOf(out);
    }
}
