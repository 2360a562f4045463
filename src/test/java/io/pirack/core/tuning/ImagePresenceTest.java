package io.pirack.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.tuning.ImagePresence.PullPod;
import io.pirack.core.tuning.ImagePresence.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePresenceTest {

    private static final String HELLO = "nginxdemos/hello:plain-text";
    private static final String REDIS = "redis";

    @ParameterizedTest
    @CsvSource({
        "nginx, docker.io/library/nginx:latest",
        "nginxdemos/hello:plain-text, docker.io/nginxdemos/hello:plain-text",
        "ghcr.io/stefanprodan/podinfo:6.7.1, ghcr.io/stefanprodan/podinfo:6.7.1",
        "localhost:5000/demo, localhost:5000/demo:latest",
        "registry.local:5000/team/app:v2, registry.local:5000/team/app:v2",
        "index.docker.io/library/redis:7, docker.io/library/redis:7",
        "redis@sha256:abc, docker.io/library/redis@sha256:abc",
    })
    void referencesAreCanonicalisedLikeTheRuntimeReportsThem(String reference, String canonical) {
        assertEquals(canonical, ImageRef.parse(reference).canonical());
    }

    @Test
    void digestReferenceMatchesTheRepoDigestName() {
        ImageRef ref = ImageRef.parse("redis@sha256:abc");
        assertTrue(ref.matches("docker.io/library/redis@sha256:abc"));
        assertFalse(ref.matches("docker.io/library/redis:latest"));
        assertFalse(ImageRef.parse("redis:7").matches("docker.io/library/redis:7.2"));
    }

    @Test
    void presenceCombinesNodeImagesAndPullPodStates() {
        Map<String, Set<String>> nodes = new LinkedHashMap<>();
        nodes.put("pi1", Set.of("docker.io/nginxdemos/hello:plain-text", "docker.io/nginxdemos/hello@sha256:1234",
                "docker.io/library/redis:latest"));
        nodes.put("pi2", Set.of());
        nodes.put("pi3", Set.of());
        nodes.put("pi4", Set.of());
        List<PullPod> pods = List.of(
                new PullPod("pi2", Map.of(HELLO, Optional.of("ContainerCreating"), REDIS, Optional.of("ImagePullBackOff"))),
                new PullPod("pi3", Map.of(HELLO, Optional.empty())));
        ImagePresence presence = ImagePresence.of(List.of(HELLO, REDIS, HELLO), nodes, pods);

        assertEquals(List.of(HELLO, REDIS), presence.images());
        assertEquals(State.PRESENT, presence.cell("pi1", HELLO).state());
        assertEquals(State.PRESENT, presence.cell("pi1", REDIS).state());
        assertEquals(State.PULLING, presence.cell("pi2", HELLO).state());
        assertEquals(State.FAILED, presence.cell("pi2", REDIS).state());
        assertEquals(State.PRESENT, presence.cell("pi3", HELLO).state(), "running container means the image is there");
        assertEquals(State.MISSING, presence.cell("pi3", REDIS).state());
        assertEquals(State.MISSING, presence.cell("pi4", HELLO).state());
        assertFalse(presence.allPresent());
        assertEquals(3.0 / 8, presence.fractionPresent());
        assertTrue(presence.missing().contains("pi2: redis (ImagePullBackOff)"), presence.missing().toString());
    }
}
