package io.pirack.core.tuning;

import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.tuning.SnakeYamlParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test data shared by the tuning tests: captured-shape files and small cluster objects. */
public final class TuningFixtures {

    public static final YamlParser YAML = new SnakeYamlParser();
    public static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");

    private TuningFixtures() {
    }

    public static String resource(String name) {
        try (InputStream in = TuningFixtures.class.getResourceAsStream("/tuning/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /tuning/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NodeInfo node(String name, NodeRole role, String kubeletVersion, Map<String, String> labels,
            Map<String, String> annotations) {
        return new NodeInfo(name, "uid-" + name, role, "192.168.2.10", kubeletVersion, "Debian GNU/Linux 12 (bookworm)",
                "arm64", false, List.of(), List.of(), Set.of(), labels, annotations, T0, T0);
    }

    public static PodInfo pod(String namespace, String name, String nodeName) {
        return new PodInfo(namespace, name, "uid-" + name, nodeName, PodPhase.RUNNING, true, OwnerKind.NODE, nodeName,
                name, T0, null, false, true, List.of(), List.of(), Map.of(), T0, T0);
    }
}
