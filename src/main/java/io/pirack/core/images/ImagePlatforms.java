package io.pirack.core.images;

import java.time.Instant;
import java.util.List;

/**
 * The platforms a registry offers for one image reference: one entry for a single-platform
 * manifest, one per manifest in an image index / manifest list.
 *
 * @param digest    the digest the reference resolved to (of the index when there is one)
 * @param checkedAt when the registry answered (kept in the cache, shown as "checked at …")
 */
public record ImagePlatforms(ImageReference image, String digest, List<Entry> platforms, Instant checkedAt) {

    public ImagePlatforms {
        platforms = List.copyOf(platforms);
    }

    /** One platform of the image and the digest of its own manifest. */
    public record Entry(Platform platform, String digest) {
    }

    /** The best fit of any of this image's platforms on a node of {@code node}'s platform. */
    public Platform.Fit bestFitOn(Platform node) {
        Platform.Fit best = Platform.Fit.NONE;
        for (Entry e : platforms) {
            Platform.Fit fit = node.runs(e.platform());
            if (fit.ordinal() < best.ordinal()) {
                best = fit;
            }
        }
        return best;
    }

    /** "linux/amd64, linux/arm64/v8". */
    public String platformList() {
        return platforms.isEmpty() ? "no platform" : String.join(", ", platforms.stream().map(e -> e.platform().toString()).distinct().toList());
    }
}
