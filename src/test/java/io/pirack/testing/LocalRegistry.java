package io.pirack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real container registry for tests: Debian's {@code docker-registry} (the CNCF distribution
 * registry, 2.8) on a free loopback port with its storage in a temporary folder. Test images are
 * pushed through the registry's own API (blob uploads, then manifests and indexes), so what the
 * client under test reads is exactly what a registry serves. {@code .ci/run} installs the package.
 *
 * <pre>{@code
 * @RegisterExtension static final LocalRegistry REGISTRY = new LocalRegistry();
 * REGISTRY.pushSinglePlatform("demo/legacy", "1.0", "linux", "amd64", "");
 * }</pre>
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback {

    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Path dir;
    private Process process;
    private int port;

    /** A platform of a multi-platform push. */
    public record Plat(String os, String architecture, String variant) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("These tests start a real container registry: they need " + BINARY
                    + " (apt-get install docker-registry), as .ci/run installs it.");
        }
        dir = Files.createTempDirectory("pirack-registry");
        // A free port is only free until the registry binds it; another process may take it first, and
        // the registry then exits "address already in use": a new port is tried.
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            Path config = dir.resolve("config.yml");
            Files.writeString(config, String.join("\n",
                    "version: 0.1",
                    "log:",
                    "  level: error",
                    "  accesslog:",
                    "    disabled: true",
                    "storage:",
                    "  filesystem:",
                    "    rootdirectory: " + dir.resolve("data"),
                    "http:",
                    "  addr: 127.0.0.1:" + port,
                    "  secret: pirack-test-only",
                    ""));
            process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
            try {
                awaitPort();
                return;
            } catch (IllegalStateException e) {
                if (process.isAlive() || attempt >= 3 || !Files.readString(dir.resolve("registry.log")).contains("address already in use")) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Stops the registry process, keeping its storage (an offline booth); {@link #restart()} brings it back on the same port. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public void restart() throws Exception {
        process = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile())).start();
        awaitPort();
    }

    /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Pushes a single-platform image (an OCI manifest whose config names the platform); returns the manifest digest. */
    public String pushSinglePlatform(String repository, String tag, String os, String architecture, String variant) throws Exception {
        return putManifest(repository, tag, OCI_MANIFEST, manifest(repository, os, architecture, variant, OCI_MANIFEST));
    }

    /** Pushes one image per platform and an index over them (OCI or Docker manifest list); returns the index digest. */
    public String pushIndex(String repository, String tag, boolean dockerList, Plat... platforms) throws Exception {
        String manifestType = dockerList ? DOCKER_MANIFEST : OCI_MANIFEST;
        List<String> entries = new ArrayList<>();
        for (Plat p : platforms) {
            String body = manifest(repository, p.os(), p.architecture(), p.variant(), manifestType);
            String digest = putManifest(repository, null, manifestType, body);
            entries.add("{\"mediaType\":\"" + manifestType + "\",\"digest\":\"" + digest + "\",\"size\":"
                    + body.getBytes(StandardCharsets.UTF_8).length + ",\"platform\":{\"os\":\"" + p.os() + "\",\"architecture\":\""
                    + p.architecture() + "\"" + (p.variant().isEmpty() ? "" : ",\"variant\":\"" + p.variant() + "\"") + "}}");
        }
        String indexType = dockerList ? DOCKER_LIST : OCI_INDEX;
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + indexType + "\",\"manifests\":[" + String.join(",", entries) + "]}";
        return putManifest(repository, tag, indexType, index);
    }

    private String manifest(String repository, String os, String architecture, String variant, String type) throws Exception {
        String config = "{\"architecture\":\"" + architecture + "\",\"os\":\"" + os + "\""
                + (variant.isEmpty() ? "" : ",\"variant\":\"" + variant + "\"")
                + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"config\":{}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob(repository, configBytes);
        String configType = type.equals(OCI_MANIFEST) ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json";
        return "{\"schemaVersion\":2,\"mediaType\":\"" + type + "\",\"config\":{\"mediaType\":\"" + configType + "\",\"digest\":\""
                + configDigest + "\",\"size\":" + configBytes.length + "},\"layers\":[]}";
    }

    private String pushBlob(String repository, byte[] content) throws Exception {
        String digest = digest(content);
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        require(start, 202, "start blob upload");
        URI location = uri("/").resolve(start.headers().firstValue("Location").orElseThrow());
        String sep = location.getQuery() == null ? "?" : "&";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(location + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        require(put, 201, "finish blob upload");
        return digest;
    }

    private String putManifest(String repository, String tag, String type, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String digest = digest(bytes);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + (tag == null ? digest : tag)))
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        require(put, 201, "put manifest");
        return digest;
    }

    private URI uri(String path) {
        return URI.create("http://" + host() + path);
    }

    private static void require(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    public static String digest(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private void awaitPort() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                process.waitFor(50, TimeUnit.MILLISECONDS); // waits on the process, not a bare sleep
            }
        }
        throw new IllegalStateException("docker-registry did not listen on " + host() + " within 20 s");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
