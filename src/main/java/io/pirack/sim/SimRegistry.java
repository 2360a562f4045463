package io.pirack.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pirack.concurrent.Background;
import io.pirack.core.images.ImageReference;
import io.pirack.core.images.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rehearsal rack's image registry: a read-only OCI distribution endpoint on loopback (a booth
 * laptop's local registry) serving image indexes for a small catalogue, so the rack's kubelets and
 * PiRack's own architecture check ({@code pirack images check}, through the real registry client)
 * read the same platforms. {@code pirack/report:1.0} is what a plain {@code docker buildx build} on a
 * laptop pushes — an index with linux/amd64 and a provenance attestation, nothing for the Pis —
 * and {@code pirack/report:1.0-multiarch} is the multi-architecture rebuild.
 */
final class SimRegistry implements AutoCloseable {

    static final String REPORT_REPOSITORY = "pirack/report";
    static final String AMD64_ONLY_TAG = "1.0";
    static final String MULTI_ARCH_TAG = "1.0-multiarch";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
    private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");

    /** repository → tag → platforms of the index. */
    private final Map<String, Map<String, List<Platform>>> catalogue = new LinkedHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads = Background.newPool("rehearsal-registry", 2);

    SimRegistry() {
        catalogue.put(REPORT_REPOSITORY, new LinkedHashMap<>(Map.of(
                AMD64_ONLY_TAG, List.of(new Platform("linux", "amd64", "")),
                MULTI_ARCH_TAG, List.of(new Platform("linux", "amd64", ""), new Platform("linux", "arm64", ""),
                        new Platform("linux", "arm", "v7")))));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("the rehearsal rack's registry cannot listen on loopback: " + e.getMessage(), e);
        }
        server.setExecutor(threads);
        server.createContext("/v2/", this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:PORT}: the registry part of an image reference. */
    String host() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The amd64-only image as a workload names it. */
    String amd64OnlyImage() {
        return host() + "/" + REPORT_REPOSITORY + ":" + AMD64_ONLY_TAG;
    }

    /**
     * What containerd's pull says for {@code image} on a node of {@code node}'s platform: empty when
     * it pulls (every image outside this registry is taken to have a build for the Pis), else the
     * error the CRI returns for an index with no matching platform.
     */
    Optional<String> pullError(String image, Platform node) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!host().equals(ref.registry())) {
            return Optional.empty();
        }
        List<Platform> platforms = catalogue.getOrDefault(ref.repository(), Map.of()).get(ref.tag());
        if (platforms == null) {
            return Optional.of("rpc error: code = NotFound desc = failed to pull and unpack image \"" + image
                    + "\": failed to resolve reference \"" + image + "\": " + image + ": not found");
        }
        if (platforms.stream().anyMatch(p -> node.runs(p) != Platform.Fit.NONE)) {
            return Optional.empty();
        }
        // containerd 1.7 images.Manifest: an index whose children all fail the platform matcher.
        return Optional.of("rpc error: code = NotFound desc = failed to pull and unpack image \"" + image
                + "\": no match for platform in manifest: not found");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", error("UNSUPPORTED", "this registry is read-only"));
                return;
            }
            if (path.equals("/v2/")) {
                send(exchange, 200, "application/json", "{}");
                return;
            }
            Matcher tags = TAGS.matcher(path);
            if (tags.matches() && catalogue.containsKey(tags.group(1))) {
                String list = String.join(",", catalogue.get(tags.group(1)).keySet().stream().sorted().map(t -> "\"" + t + "\"").toList());
                send(exchange, 200, "application/json", "{\"name\":\"" + tags.group(1) + "\",\"tags\":[" + list + "]}");
                return;
            }
            Matcher manifest = MANIFEST.matcher(path);
            List<Platform> platforms = manifest.matches()
                    ? catalogue.getOrDefault(manifest.group(1), Map.of()).get(manifest.group(2)) : null;
            if (platforms == null) {
                send(exchange, 404, "application/json", error("MANIFEST_UNKNOWN", "manifest unknown"));
                return;
            }
            String body = index(manifest.group(1), platforms);
            exchange.getResponseHeaders().add("Docker-Content-Digest", digest(body));
            send(exchange, 200, OCI_INDEX, body);
        }
    }

    /** An index as buildx pushes it: one manifest per platform plus an attestation for the first. */
    private static String index(String repository, List<Platform> platforms) {
        List<String> entries = new ArrayList<>();
        for (Platform p : platforms) {
            entries.add(descriptor(digest(repository + "@" + p), "{\"architecture\":\"" + p.architecture() + "\",\"os\":\"" + p.os() + "\""
                    + (p.variant().isEmpty() ? "" : ",\"variant\":\"" + p.variant() + "\"") + "}", ""));
        }
        String first = digest(repository + "@" + platforms.get(0));
        entries.add(descriptor(digest(repository + "@attestation"), "{\"architecture\":\"unknown\",\"os\":\"unknown\"}",
                ",\"annotations\":{\"vnd.docker.reference.digest\":\"" + first + "\",\"vnd.docker.reference.type\":\"attestation-manifest\"}"));
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + String.join(",", entries) + "]}";
    }

    private static String descriptor(String digest, String platform, String annotations) {
        return "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":1234,\"platform\":" + platform + annotations + "}";
    }

    private static String error(String code, String message) {
        return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }

    static String digest(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
