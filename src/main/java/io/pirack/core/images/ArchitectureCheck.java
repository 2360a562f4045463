package io.pirack.core.images;

import io.pirack.core.cluster.TimeText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges whether each demo image can run on each Pi: the registry's platforms against every
 * node's platform, by containerd's matching rules ({@link Platform#runs}). Pure.
 *
 * <p>An image the runtime already holds on a node ran through a successful pull there, so it
 * counts as running on that node even when the registry cannot be asked (an offline booth).
 */
public final class ArchitectureCheck {

    private ArchitectureCheck() {
    }

    public static List<ImageVerdict> judge(List<ImageUse> uses, List<NodePlatform> nodes, Map<ImageReference, ImageLookup> lookups,
            Map<ImageReference, ImageReference> suggestions) {
        List<ImageVerdict> verdicts = new ArrayList<>();
        for (ImageUse use : uses) {
            ImageLookup lookup = lookups.get(use.image());
            verdicts.add(judge(use, nodes, lookup, Optional.ofNullable(suggestions.get(use.image()))));
        }
        return verdicts;
    }

    static ImageVerdict judge(ImageUse use, List<NodePlatform> nodes, ImageLookup lookup, Optional<ImageReference> suggestion) {
        Optional<ImagePlatforms> platforms = lookup instanceof ImageLookup.Found found ? Optional.of(found.platforms())
                : lookup instanceof ImageLookup.Failed failed ? failed.lastKnown() : Optional.empty();
        boolean stale = !(lookup instanceof ImageLookup.Found);
        Map<String, Platform.Fit> fit = new LinkedHashMap<>();
        boolean anyUnknown = false;
        for (NodePlatform node : nodes) {
            if (node.holds(use.image())) {
                fit.put(node.name(), platforms.map(p -> nonNone(p.bestFitOn(node.platform()))).orElse(Platform.Fit.NATIVE));
            } else if (platforms.isPresent()) {
                fit.put(node.name(), platforms.get().bestFitOn(node.platform()));
            } else {
                anyUnknown = true;
            }
        }
        ImageVerdict.Verdict verdict;
        if (nodes.isEmpty() || anyUnknown) {
            verdict = ImageVerdict.Verdict.UNKNOWN;
        } else if (fit.values().stream().allMatch(f -> f != Platform.Fit.NONE)) {
            verdict = ImageVerdict.Verdict.ALL;
        } else if (fit.values().stream().allMatch(f -> f == Platform.Fit.NONE)) {
            verdict = ImageVerdict.Verdict.NONE;
        } else {
            verdict = ImageVerdict.Verdict.SOME;
        }
        List<ImagePlatforms.Entry> entries = platforms.map(ImagePlatforms::platforms).orElse(List.of());
        String digest = platforms.map(ImagePlatforms::digest).orElse("");
        Optional<Instant> checkedAt = platforms.map(ImagePlatforms::checkedAt);
        String detail = detail(use.image(), verdict, fit, nodes, platforms, lookup, suggestion);
        return new ImageVerdict(use.image(), use.usedBy(), verdict, fit, entries, digest, checkedAt, stale, detail,
                verdict == ImageVerdict.Verdict.ALL ? Optional.empty() : suggestion);
    }

    /** A node that holds the image ran a pull of it: the registry's list may lack the exact variant, the runtime did not. */
    private static Platform.Fit nonNone(Platform.Fit fit) {
        return fit == Platform.Fit.NONE ? Platform.Fit.NATIVE : fit;
    }

    private static String detail(ImageReference image, ImageVerdict.Verdict verdict, Map<String, Platform.Fit> fit, List<NodePlatform> nodes,
            Optional<ImagePlatforms> platforms, ImageLookup lookup, Optional<ImageReference> suggestion) {
        String offered = platforms.map(ImagePlatforms::platformList).orElse("");
        String staleNote = "";
        if (lookup instanceof ImageLookup.Failed failed) {
            staleNote = platforms.map(p -> " (registry not reachable now: " + failed.reason() + "; as checked at " + TimeText.clock(p.checkedAt()) + ")")
                    .orElse(" (registry not reachable now: " + failed.reason() + "; judged from the images already on the Pis)");
        }
        String alt = suggestion.map(s -> " Use " + s + " instead: it has a build for every Pi.").orElse("");
        List<String> compat = fit.entrySet().stream().filter(e -> e.getValue() == Platform.Fit.COMPAT_32BIT).map(Map.Entry::getKey).toList();
        String compatNote = compat.isEmpty() ? "" : " On " + String.join(", ", compat) + " it runs as a 32-bit arm build.";
        return switch (verdict) {
            case ALL -> "runs on every Pi" + (offered.isEmpty() ? "" : " (" + offered + ")") + "." + compatNote + staleNote;
            case SOME -> {
                List<String> failing = fit.entrySet().stream().filter(e -> e.getValue() == Platform.Fit.NONE).map(Map.Entry::getKey).toList();
                String missing = missingPlatforms(nodes, failing);
                yield "runs on " + String.join(", ", fit.entrySet().stream().filter(e -> e.getValue() != Platform.Fit.NONE).map(Map.Entry::getKey).toList())
                        + " but not on " + String.join(", ", failing) + ": no " + missing + " build (it has " + offered + ")."
                        + compatNote + alt + staleNote;
            }
            case NONE -> "built only for " + offered + "; the Pis are " + missingPlatforms(nodes, nodes.stream().map(NodePlatform::name).toList())
                    + ": every pull fails with \"no matching manifest for " + nodes.get(0).platform() + "\"." + alt + staleNote;
            case UNKNOWN -> {
                if (nodes.isEmpty()) {
                    yield "not checked: no nodes seen.";
                }
                String reason = lookup instanceof ImageLookup.Failed f ? f.reason() : "not looked up";
                yield "not checked: " + reason + ".";
            }
        };
    }

    private static String missingPlatforms(List<NodePlatform> nodes, List<String> names) {
        Set<String> platforms = new LinkedHashSet<>();
        for (NodePlatform n : nodes) {
            if (names.contains(n.name())) {
                platforms.add(n.platform().toString());
            }
        }
        return String.join(" / ", platforms);
    }

    /** Verdicts worst first (NONE, SOME, UNKNOWN, ALL), then by name: what the presenter must fix comes first. */
    public static List<ImageVerdict> worstFirst(List<ImageVerdict> verdicts) {
        List<ImageVerdict> sorted = new ArrayList<>(verdicts);
        sorted.sort(java.util.Comparator.comparingInt((ImageVerdict v) -> switch (v.verdict()) {
            case NONE -> 0;
            case SOME -> 1;
            case UNKNOWN -> 2;
            case ALL -> 3;
        }).thenComparing(v -> v.image().toString()));
        return sorted;
    }
}
