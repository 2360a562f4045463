package io.pirack.core.images;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer for one image: on which Pis it runs, and the sentence that says so.
 *
 * @param fitByNode  node name → how the image runs there (in node order)
 * @param platforms  what the registry (or the cache) offers; empty when never checked
 * @param checkedAt  when the platforms were read from the registry; empty when never
 * @param stale      the registry could not be asked now; the verdict rests on the cache or on node.status.images
 * @param detail     one sentence for the checklist and the terminal
 * @param suggestion a tag of the same repository that covers every Pi, when one was found
 */
public record ImageVerdict(
        ImageReference image,
        List<String> usedBy,
        Verdict verdict,
        Map<String, Platform.Fit> fitByNode,
        List<ImagePlatforms.Entry> platforms,
        String digest,
        Optional<Instant> checkedAt,
        boolean stale,
        String detail,
        Optional<ImageReference> suggestion) {

    public enum Verdict {
        /** Runs on every Pi. */
        ALL,
        /** Runs on some Pis only: pods scheduled on the others fail. */
        SOME,
        /** Runs on none of the Pis. */
        NONE,
        /** Not known: the registry could not be asked and nothing is cached or already on the Pis. */
        UNKNOWN
    }

    public ImageVerdict {
        usedBy = List.copyOf(usedBy);
        fitByNode = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fitByNode));
        platforms = List.copyOf(platforms);
    }

    public List<String> nodesWhereItRuns() {
        return fitByNode.entrySet().stream().filter(e -> e.getValue() != Platform.Fit.NONE).map(Map.Entry::getKey).toList();
    }

    public List<String> nodesWhereItFails() {
        return fitByNode.entrySet().stream().filter(e -> e.getValue() == Platform.Fit.NONE).map(Map.Entry::getKey).toList();
    }
}
