package io.pirack.core.images;

import java.util.List;

/** An image the demo needs, and who needs it ("demo/hello (Deployment)", "pre-pull list"). */
public record ImageUse(ImageReference image, List<String> usedBy) {

    public ImageUse {
        usedBy = List.copyOf(usedBy);
    }
}
