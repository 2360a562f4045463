package io.pirack.core.images;

import java.util.Optional;

/** What PiRack learnt about one image's platforms: the registry's answer, or why there is none. */
public sealed interface ImageLookup {

    ImageReference image();

    /** The registry answered now (or the cache holds an answer for this very digest). */
    record Found(ImagePlatforms platforms) implements ImageLookup {
        @Override
        public ImageReference image() {
            return platforms.image();
        }
    }

    /**
     * The registry could not be asked or refused; {@code reason} is one sentence for the presenter
     * ("registry.example did not answer within 5 s"), {@code lastKnown} the cached answer, if any.
     */
    record Failed(ImageReference image, String reason, boolean offline, Optional<ImagePlatforms> lastKnown) implements ImageLookup {
    }
}
