package io.pirack.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pirack.core.images.ImagePlatforms;
import io.pirack.core.images.ImageReference;
import io.pirack.core.images.Platform;
import io.pirack.testing.LocalRegistry;
import io.pirack.testing.LocalRegistry.Plat;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry client against a real distribution registry on loopback, behind a token front
 * that speaks the anonymous bearer-token flow Docker Hub, GHCR and Quay use, and against
 * registries that misbehave.
 */
class RegistryClientTest {

    @RegisterExtension
    static final LocalRegistry REGISTRY = new LocalRegistry();

    private static final Platform ARM64 = new Platform("linux", "arm64", "");
    private static HttpServer front;
    private static final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger tokenRequests = new AtomicInteger();
    private static final CountDownLatch releaseStalls = new CountDownLatch(1);
    private static final String LOGIN = Base64.getEncoder().encodeToString("pi:raspberry".getBytes(StandardCharsets.UTF_8));

    @BeforeAll
    static void pushImagesAndStartTheFront() throws Exception {
        REGISTRY.pushIndex("demo/hello", "1.0", false, new Plat("linux", "amd64", ""), new Plat("linux", "arm64", "v8"));
        REGISTRY.pushIndex("demo/hello", "1.0-dockerlist", true, new Plat("linux", "amd64", ""), new Plat("linux", "arm64", "v8"));
        REGISTRY.pushSinglePlatform("demo/legacy", "1.0", "linux", "amd64", "");
        REGISTRY.pushSinglePlatform("demo/armv7", "1.0", "linux", "arm", "v7");
        front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        front.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "registry-front");
            t.setDaemon(true);
            return t;
        }));
        front.createContext("/token", RegistryClientTest::token);
        front.createContext("/v2/", RegistryClientTest::proxyOrMisbehave);
        front.start();
    }

    @AfterAll
    static void stopTheFront() {
        releaseStalls.countDown();
        front.stop(0);
    }

    private static RegistryClient client(Duration deadline, RegistryCredentials credentials) {
        return new RegistryClient(RegistryClient.defaultHttp(null), deadline, credentials, Clock.systemUTC());
    }

    private static RegistryClient client() {
        return client(Duration.ofSeconds(8), RegistryCredentials.none());
    }

    private static String frontHost() {
        return "127.0.0.1:" + front.getAddress().getPort();
    }

    @Test
    void multiArchitectureIndexListsEveryPlatformWithItsDigest() throws Exception {
        ImagePlatforms found = client().platforms(ImageReference.parse(REGISTRY.host() + "/demo/hello:1.0"));
        assertEquals(List.of("linux/amd64", "linux/arm64/v8"), found.platforms().stream().map(e -> e.platform().toString()).toList());
        assertTrue(found.platforms().stream().allMatch(e -> e.digest().startsWith("sha256:")));
        assertTrue(found.digest().startsWith("sha256:"));
        assertEquals(Platform.Fit.NATIVE, found.bestFitOn(ARM64));
    }

    @Test
    void dockerManifestListReadsLikeAnOciIndex() throws Exception {
        ImagePlatforms found = client().platforms(ImageReference.parse(REGISTRY.host() + "/demo/hello:1.0-dockerlist"));
        assertEquals("linux/amd64, linux/arm64/v8", found.platformList());
    }

    @Test
    void singleManifestTakesItsPlatformFromTheConfigBlob() throws Exception {
        ImagePlatforms legacy = client().platforms(ImageReference.parse(REGISTRY.host() + "/demo/legacy:1.0"));
        assertEquals("linux/amd64", legacy.platformList());
        assertEquals(Platform.Fit.NONE, legacy.bestFitOn(ARM64));
        ImagePlatforms armv7 = client().platforms(ImageReference.parse(REGISTRY.host() + "/demo/armv7:1.0"));
        assertEquals("linux/arm/v7", armv7.platformList());
        assertEquals(Platform.Fit.COMPAT_32BIT, armv7.bestFitOn(ARM64), "a 64-bit Pi runs 32-bit arm builds, as containerd's matcher allows");
    }

    @Test
    void anonymousBearerTokenFlowGetsATokenAndReusesIt() throws Exception {
        RegistryClient client = client();
        int before = tokenRequests.get();
        ImagePlatforms found = client.platforms(ImageReference.parse(frontHost() + "/demo/hello:1.0"));
        assertEquals("linux/amd64, linux/arm64/v8", found.platformList());
        client.platforms(ImageReference.parse(frontHost() + "/demo/legacy:1.0"));
        client.platforms(ImageReference.parse(frontHost() + "/demo/hello:1.0"));
        assertEquals(2, tokenRequests.get() - before, "one token per repository scope, reused for the next lookup");
    }

    @Test
    void privateRepositoryNeedsThePullSecretsLogin() throws Exception {
        ImageReference image = ImageReference.parse(frontHost() + "/private/legacy:1.0");
        RegistryException refused = assertThrows(RegistryException.class, () -> client().platforms(image));
        assertEquals("the token service of " + frontHost() + " refused anonymous access: add an imagePullSecret for " + frontHost() + ".",
                refused.getMessage());
        assertFalse(refused.unreachable());
        String secret = "{\"auths\":{\"" + frontHost() + "\":{\"auth\":\"" + LOGIN + "\"}}}";
        RegistryCredentials login = RegistryCredentials.none().addDockerConfigJson(secret.getBytes(StandardCharsets.UTF_8));
        assertEquals("linux/amd64", client(Duration.ofSeconds(8), login).platforms(image).platformList());
    }

    @Test
    void tagListOfTheRepository() throws Exception {
        assertEquals(Set.of("1.0", "1.0-dockerlist"), Set.copyOf(client().tags(ImageReference.parse(REGISTRY.host() + "/demo/hello:1.0"))));
    }

    @Test
    void missingTagSaysSo() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> client().platforms(ImageReference.parse(REGISTRY.host() + "/demo/hello:9.9")));
        assertEquals(REGISTRY.host() + "/demo/hello:9.9 was not found on " + REGISTRY.host()
                + " (MANIFEST_UNKNOWN): check the name and tag (the registry knows no such manifest).", e.getMessage());
        assertFalse(e.unreachable());
    }

    @Test
    void unauthorizedWithoutRealmNamesTheHeader() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> client().platforms(ImageReference.parse(frontHost() + "/norealm/x:1")));
        assertTrue(e.getMessage().contains("asks for a login") && e.getMessage().contains("names no token service"), e.getMessage());
    }

    @Test
    void malformedManifestIsAClearSentence() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> client().platforms(ImageReference.parse(frontHost() + "/garbage/x:1")));
        assertEquals(frontHost() + " sent a manifest for " + frontHost() + "/garbage/x:1 that is not valid JSON.", e.getMessage());
    }

    @Test
    void redirectLoopStopsAfterFiveHops() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> client().platforms(ImageReference.parse(frontHost() + "/loop/x:1")));
        assertTrue(e.getMessage().contains("redirected more than 5 times"), e.getMessage());
    }

    @Test
    void stalledRegistryCostsNoMoreThanTheDeadline() {
        ImageReference image = ImageReference.parse(frontHost() + "/stall/x:1");
        RegistryException e = assertThrows(RegistryException.class, () -> client(Duration.ofSeconds(1), RegistryCredentials.none()).platforms(image));
        assertEquals(frontHost() + " did not answer within 1 s for " + image + ".", e.getMessage());
        assertTrue(e.unreachable(), "a stall is 'could not ask': the cache may answer instead");
    }

    @Test
    void closedPortAndUnknownHostAreUnreachableNotErrors() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        RegistryException refused = assertThrows(RegistryException.class,
                () -> client().platforms(ImageReference.parse("127.0.0.1:" + closed + "/demo/hello:1.0")));
        assertEquals("cannot reach 127.0.0.1:" + closed + ": connection refused.", refused.getMessage());
        assertTrue(refused.unreachable());
        RegistryException unknown = assertThrows(RegistryException.class,
                () -> client().platforms(ImageReference.parse("registry.invalid/demo/hello:1.0")));
        assertTrue(unknown.unreachable(), unknown.getMessage());
        assertTrue(unknown.getMessage().startsWith("cannot reach registry.invalid"), unknown.getMessage());
    }

    // --- the token front and the misbehaving registries ---

    private static void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        String query = exchange.getRequestURI().getRawQuery();
        boolean privateScope = query != null && query.contains("private");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (privateScope && !("Basic " + LOGIN).equals(auth)) {
            respond(exchange, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            return;
        }
        String token = "t-" + java.util.UUID.randomUUID();
        issuedTokens.add(token);
        respond(exchange, 200, "application/json", "{\"token\":\"" + token + "\",\"expires_in\":300}");
    }

    private static void proxyOrMisbehave(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String repo = path.substring("/v2/".length()).split("/")[0];
        switch (repo) {
            case "norealm" -> {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic-ish nothing=here");
                respond(exchange, 401, "text/plain", "no");
                return;
            }
            case "garbage" -> {
                respond(exchange, 200, "application/vnd.oci.image.index.v1+json", "<html>not a manifest</html>");
                return;
            }
            case "loop" -> {
                exchange.getResponseHeaders().add("Location", path);
                respond(exchange, 302, "text/plain", "");
                return;
            }
            case "stall" -> {
                try {
                    releaseStalls.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            default -> {
            }
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !issuedTokens.contains(auth.substring(7))) {
            String name = path.substring("/v2/".length()).replaceFirst("/(manifests|blobs|tags)/.*$", "");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + frontHost() + "/token\",service=\"pirack-test\",scope=\"repository:"
                    + name + ":pull\"");
            respond(exchange, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            return;
        }
        String upstreamPath = path.replaceFirst("^/v2/private/", "/v2/demo/");
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + REGISTRY.host() + upstreamPath + (query == null ? "" : "?" + query)));
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<byte[]> upstream = HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String h : List.of("Content-Type", "Docker-Content-Digest", "Location")) {
                upstream.headers().firstValue(h).ifPresent(v -> exchange.getResponseHeaders().add(h, v));
            }
            exchange.sendResponseHeaders(upstream.statusCode(), upstream.body().length == 0 ? -1 : upstream.body().length);
            if (upstream.body().length > 0) {
                exchange.getResponseBody().write(upstream.body());
            }
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        try (InputStream ignored = exchange.getRequestBody()) {
            exchange.close();
        }
    }
}
