package io.pirack.images;

import io.pirack.core.images.ImagePlatforms;
import io.pirack.core.images.ImageReference;
import io.pirack.core.images.Platform;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last registry answer per image, with its digest and time, in {@code image-platforms.json}
 * beside the settings: a booth without Internet still knows what the Pis can run ("as checked at
 * 21:04"). Written whole to a temporary file and moved into place, so a crash never leaves half a
 * file; a file that cannot be read is ignored (and logged), never fatal.
 */
public final class PlatformCache {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformCache.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Map<String, ImagePlatforms> entries = new TreeMap<>();

    public PlatformCache(Path file) {
        this.file = file;
        load();
    }

    public synchronized Optional<ImagePlatforms> get(ImageReference image) {
        return Optional.ofNullable(entries.get(image.canonical()));
    }

    public synchronized void put(ImagePlatforms platforms) {
        entries.put(platforms.image().canonical(), platforms);
        save();
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (Map.Entry<String, JsonNode> e : root.path("images").properties()) {
                JsonNode n = e.getValue();
                List<ImagePlatforms.Entry> list = new ArrayList<>();
                for (JsonNode p : n.path("platforms")) {
                    list.add(new ImagePlatforms.Entry(Platform.parse(p.path("platform").asString()), p.path("digest").asString("")));
                }
                ImageReference image = ImageReference.parse(e.getKey());
                entries.put(image.canonical(), new ImagePlatforms(image, n.path("digest").asString(""), list, Instant.parse(n.path("checkedAt").asString())));
            }
        } catch (RuntimeException e) {
            LOG.warn("ignoring the image platform cache {}: {}", file, e.getMessage());
            entries.clear();
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode images = root.putObject("images");
        for (ImagePlatforms p : entries.values()) {
            ObjectNode n = images.putObject(p.image().canonical());
            n.put("digest", p.digest());
            n.put("checkedAt", p.checkedAt().toString());
            ArrayNode list = n.putArray("platforms");
            for (ImagePlatforms.Entry e : p.platforms()) {
                list.addObject().put("platform", e.platform().toString()).put("digest", e.digest());
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the image platform cache {}: {}", file, e.getMessage());
        }
    }
}
