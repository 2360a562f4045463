package io.pirack.core.images;

import java.util.Set;

/**
 * One Pi as the image check sees it: its platform and the images its runtime already holds
 * ({@code node.status.images} names, tags and {@code name@sha256:…} digests as reported).
 */
public record NodePlatform(String name, Platform platform, Set<String> presentImages) {

    public NodePlatform {
        presentImages = Set.copyOf(presentImages);
    }

    /** Whether the runtime reports this image (by tag or by digest); a pulled image did match the node. */
    public boolean holds(ImageReference image) {
        for (String present : presentImages) {
            try {
                ImageReference p = ImageReference.parse(present);
                boolean sameRepo = p.registry().equals(image.registry()) && p.repository().equals(image.repository());
                if (sameRepo && (!image.digest().isEmpty() ? image.digest().equals(p.digest()) : image.tag().equals(p.tag()))) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // a name the runtime reports but the reference grammar refuses (e.g. "<none>") is not this image
            }
        }
        return false;
    }
}
