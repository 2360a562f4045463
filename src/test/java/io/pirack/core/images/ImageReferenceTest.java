package io.pirack.core.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nginx                                 | docker.io          | library/nginx  | latest | ''",
        "nginx:1.27                            | docker.io          | library/nginx  | 1.27   | ''",
        "bitnami/redis:7                       | docker.io          | bitnami/redis  | 7      | ''",
        "docker.io/library/busybox:1.36.1-musl | docker.io          | library/busybox | 1.36.1-musl | ''",
        "index.docker.io/acme/web              | docker.io          | acme/web       | latest | ''",
        "ghcr.io/acme/web:1.2                  | ghcr.io            | acme/web       | 1.2    | ''",
        "localhost/x                           | localhost          | x              | latest | ''",
        "127.0.0.1:5000/demo/hello:1.0         | 127.0.0.1:5000     | demo/hello     | 1.0    | ''",
        "registry.k8s.io/pause:3.9             | registry.k8s.io    | pause          | 3.9    | ''",
        "quay.io/a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | quay.io | a/b | '' | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    })
    void splitsAsTheRuntimeDoes(String text, String registry, String repository, String tag, String digest) {
        ImageReference ref = ImageReference.parse(text);
        assertEquals(registry, ref.registry());
        assertEquals(repository, ref.repository());
        assertEquals(tag, ref.tag());
        assertEquals(digest, ref.digest());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''                   | an image reference is empty",
        "My_Registry/a:1      | has a malformed registry host",
        "Nginx:1              | has an invalid repository name",
        "nginx:bad tag        | has a malformed tag",
        "nginx@sha256:xyz     | has a malformed digest",
        "acme/Web:1           | has an invalid repository name",
        "ghcr.io/:1           | names no repository",
    })
    void refusesWhatTheRuntimeRefusesWithAReason(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(text));
        assertEquals(true, e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nginx:1.27                   | nginx:1.27               | registry-1.docker.io",
        "docker.io/bitnami/redis:7    | bitnami/redis:7          | registry-1.docker.io",
        "ghcr.io/acme/web:1.2         | ghcr.io/acme/web:1.2     | ghcr.io",
    })
    void showsTheShortNameAndAsksTheApiHost(String text, String shortName, String apiHost) {
        ImageReference ref = ImageReference.parse(text);
        assertEquals(shortName, ref.toString());
        assertEquals(apiHost, ref.apiHost());
    }
}
