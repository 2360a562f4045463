package io.pirack.images;

import io.pirack.core.images.ImagePlatforms;
import io.pirack.core.images.ImageReference;
import io.pirack.core.images.Platform;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an image's platforms from its registry through the OCI distribution API, as a container
 * runtime does before a pull: {@code GET /v2/<name>/manifests/<tag>} accepting image indexes,
 * manifest lists and single manifests (OCI and Docker v2); for a single manifest, its config blob
 * says the platform. Registries that want a token answer 401 with
 * {@code WWW-Authenticate: Bearer realm=…,service=…,scope=…}; the client fetches one (anonymously,
 * or with a pull secret's login) and asks again — Docker Hub, GHCR and Quay all work this way.
 *
 * <p>Every lookup has one deadline for all its requests (token, manifest, config, redirects), so a
 * stalled registry costs the presenter at most that long. Redirects are followed by hand: at most
 * {@value #MAX_REDIRECTS}, and a login is never sent to another host. Loopback registries are spoken
 * to over plain HTTP (as Docker allows for {@code localhost}); every other registry over HTTPS.
 *
 * <p>Hand-written on the JDK HTTP client and Jackson rather than a registry library: the Java
 * libraries that do this (Jib's registry client, for one) bring a large dependency tree for four
 * GET requests, and none reads the platforms of an index without pulling more than we need.
 */
public final class RegistryClient {

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(8);
    static final int MAX_REDIRECTS = 5;
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    private static final String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST, DOCKER_SCHEMA1_SIGNED);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("([a-zA-Z_]+)=\"([^\"]*)\"");

    private final HttpClient http;
    private final Duration deadline;
    private final RegistryCredentials credentials;
    private final Clock clock;
    /** Bearer tokens by registry host and scope, reused until the registry refuses one. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public RegistryClient(HttpClient http, Duration deadline, RegistryCredentials credentials, Clock clock) {
        this.http = http;
        this.deadline = deadline;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A client on the JDK's HTTP client with the platform's trusted certificates. */
    public static RegistryClient standard(RegistryCredentials credentials, Clock clock) {
        return new RegistryClient(defaultHttp(null), DEFAULT_DEADLINE, credentials, clock);
    }

    /** The HTTP client this class expects: no automatic redirects (followed by hand), optionally a custom TLS trust. */
    public static HttpClient defaultHttp(javax.net.ssl.SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }

    /** The platforms the registry offers for {@code image}. */
    public ImagePlatforms platforms(ImageReference image) throws RegistryException {
        Instant end = clock.instant().plus(deadline);
        Fetched manifest = get(image, "/manifests/" + image.manifestReference(), ACCEPT, end);
        if (manifest.status == 404) {
            throw new RegistryException(image + " was not found on " + image.registry() + errorCode(manifest)
                    + ": check the name and tag (the registry knows no such manifest).", false);
        }
        requireOk(image, manifest, "manifest");
        String digest = manifest.header("docker-content-digest").orElseGet(() -> sha256(manifest.body));
        JsonNode doc = parse(image, manifest.body, "manifest");
        String mediaType = manifest.header("content-type").map(RegistryClient::bareType).filter(t -> !t.isEmpty() && !t.equals("application/json"))
                .orElse(doc.path("mediaType").asString(""));
        List<ImagePlatforms.Entry> entries = new ArrayList<>();
        if (mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST) || (mediaType.isEmpty() && doc.has("manifests"))) {
            for (JsonNode m : doc.path("manifests")) {
                JsonNode p = m.path("platform");
                String arch = p.path("architecture").asString("");
                String os = p.path("os").asString("");
                boolean attestation = "attestation-manifest".equals(m.path("annotations").path("vnd.docker.reference.type").asString(""));
                if (attestation || arch.isEmpty() || arch.equals("unknown") || os.equals("unknown")) {
                    continue; // buildx attestations and descriptor entries without a platform run nowhere
                }
                entries.add(new ImagePlatforms.Entry(new Platform(os, arch, p.path("variant").asString("")), m.path("digest").asString("")));
            }
            if (entries.isEmpty()) {
                throw new RegistryException("the index of " + image + " lists no platform PiRack can read.", false);
            }
        } else if (mediaType.equals(OCI_MANIFEST) || mediaType.equals(DOCKER_MANIFEST) || (mediaType.isEmpty() && doc.has("config"))) {
            String configDigest = doc.path("config").path("digest").asString("");
            if (configDigest.isEmpty()) {
                throw new RegistryException(image.registry() + " sent a manifest for " + image + " without a config digest.", false);
            }
            Fetched config = get(image, "/blobs/" + configDigest, "*/*", end);
            requireOk(image, config, "config");
            JsonNode c = parse(image, config.body, "image config");
            String arch = c.path("architecture").asString("");
            if (arch.isEmpty()) {
                throw new RegistryException("the image config of " + image + " names no architecture.", false);
            }
            entries.add(new ImagePlatforms.Entry(new Platform(c.path("os").asString("linux"), arch, c.path("variant").asString("")), digest));
        } else if (mediaType.equals(DOCKER_SCHEMA1) || mediaType.equals(DOCKER_SCHEMA1_SIGNED) || doc.has("architecture")) {
            entries.add(new ImagePlatforms.Entry(new Platform("linux", doc.path("architecture").asString(""), ""), digest));
        } else {
            throw new RegistryException(image.registry() + " sent " + (mediaType.isEmpty() ? "a document" : mediaType)
                    + " for " + image + ", which is neither an image index nor a manifest.", false);
        }
        return new ImagePlatforms(image, digest, entries, clock.instant());
    }

    /** The repository's tags ({@code /tags/list}), for suggesting a tag that covers every Pi. */
    public List<String> tags(ImageReference image) throws RegistryException {
        Fetched list = get(image, "/tags/list?n=1000", "application/json", clock.instant().plus(deadline));
        requireOk(image, list, "tag list");
        List<String> tags = new ArrayList<>();
        for (JsonNode t : parse(image, list.body, "tag list").path("tags")) {
            tags.add(t.asString(""));
        }
        return tags;
    }

    private Fetched get(ImageReference image, String pathAfterName, String accept, Instant end) throws RegistryException {
        String host = image.apiHost();
        URI uri = URI.create(scheme(host) + "://" + host + "/v2/" + image.repository() + pathAfterName);
        String scope = "repository:" + image.repository() + ":pull";
        String tokenKey = host + " " + scope;
        boolean triedToken = false;
        for (int hop = 0; ; hop++) {
            boolean sameHost = host.equalsIgnoreCase(hostPort(uri));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", accept);
            String token = tokens.get(tokenKey);
            if (sameHost && token != null) {
                request.header("Authorization", "Bearer " + token);
            } else if (sameHost && triedToken) {
                credentials.basicFor(image.registry()).ifPresent(b -> request.header("Authorization", "Basic " + b));
            }
            Fetched response = send(image, request, end);
            if (response.status == 401 && sameHost && !triedToken) {
                triedToken = true;
                tokens.remove(tokenKey);
                authenticate(image, response, scope, tokenKey, end);
                hop--;
                continue;
            }
            if (response.status == 401) {
                throw new RegistryException(image.registry() + " refused to serve " + image + (credentials.basicFor(image.registry()).isPresent()
                        ? " with the pull secret's login" : " without a login: add an imagePullSecret for " + image.registry()) + ".", false);
            }
            if (isRedirect(response.status)) {
                if (hop >= MAX_REDIRECTS) {
                    throw new RegistryException(image.registry() + " redirected more than " + MAX_REDIRECTS + " times for " + image
                            + " (a redirect loop at " + uri.getHost() + ").", false);
                }
                String location = response.header("location").orElseThrow(() -> new RegistryException(
                        image.registry() + " sent a redirect without a Location for " + image + ".", false));
                uri = uri.resolve(location);
                continue;
            }
            return response;
        }
    }

    /** Answers a 401 challenge: Bearer → fetch a token from the realm; Basic → use the pull secret's login. */
    private void authenticate(ImageReference image, Fetched challenge, String scope, String tokenKey, Instant end) throws RegistryException {
        String header = challenge.header("www-authenticate").orElse("");
        String scheme = header.trim().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        if (scheme.equals("basic")) {
            if (credentials.basicFor(image.registry()).isEmpty()) {
                throw new RegistryException(image.registry() + " needs a login for " + image + ": add an imagePullSecret for "
                        + image.registry() + " to the workload.", false);
            }
            return; // the retry sends the Basic login
        }
        String realm = params.get("realm");
        if (!scheme.equals("bearer") || realm == null || realm.isBlank()) {
            throw new RegistryException(image.registry() + " asks for a login for " + image + " but names no token service"
                    + (header.isBlank() ? " (no WWW-Authenticate header)" : " (WWW-Authenticate: " + abbreviate(header) + ")") + ".", false);
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (params.containsKey("service")) {
            url.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
        }
        url.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", scope), StandardCharsets.UTF_8));
        URI tokenUri;
        try {
            tokenUri = URI.create(url.toString());
        } catch (IllegalArgumentException e) {
            throw new RegistryException(image.registry() + " names a token service PiRack cannot read (" + abbreviate(realm) + ").", false);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUri).GET().header("Accept", "application/json");
        credentials.basicFor(image.registry()).ifPresent(b -> request.header("Authorization", "Basic " + b));
        Fetched response = send(image, request, end);
        if (response.status == 401 || response.status == 403) {
            throw new RegistryException("the token service of " + image.registry() + " refused " + (credentials.basicFor(image.registry()).isPresent()
                    ? "the pull secret's login" : "anonymous access: add an imagePullSecret for " + image.registry()) + ".", false);
        }
        if (response.status != 200) {
            throw new RegistryException("the token service of " + image.registry() + " answered HTTP " + response.status + ".", false);
        }
        JsonNode token = parse(image, response.body, "token answer");
        String value = token.path("token").asString(token.path("access_token").asString(""));
        if (value.isEmpty()) {
            throw new RegistryException("the token service of " + image.registry() + " answered without a token.", false);
        }
        tokens.put(tokenKey, value);
    }

    private Fetched send(ImageReference image, HttpRequest.Builder request, Instant end) throws RegistryException {
        Duration left = Duration.between(clock.instant(), end);
        if (left.isNegative() || left.isZero()) {
            throw timeout(image);
        }
        HttpRequest built = request.timeout(left).build();
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(built, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = future.get(left.toMillis(), TimeUnit.MILLISECONDS);
            return new Fetched(response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout(image);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistryException("the check of " + image + " was interrupted.", true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timeout(image);
            }
            if (hasCause(cause, UnknownHostException.class)) {
                throw new RegistryException("cannot reach " + built.uri().getHost() + ": the name does not resolve (offline?).", true);
            }
            if (hasCause(cause, ConnectException.class)) {
                throw new RegistryException("cannot reach " + hostPort(built.uri()) + ": connection refused.", true);
            }
            if (cause instanceof IOException && cause.getMessage() != null && cause.getMessage().contains("HTTP/1.1 header parser")) {
                throw new RegistryException(hostPort(built.uri()) + " does not speak HTTP.", false);
            }
            throw new RegistryException("cannot reach " + hostPort(built.uri()) + ": " + (cause == null ? e : cause).getClass().getSimpleName()
                    + (cause != null && cause.getMessage() != null ? " " + cause.getMessage() : "") + ".", true);
        }
    }

    private RegistryException timeout(ImageReference image) {
        return new RegistryException(image.registry() + " did not answer within " + deadline.toSeconds() + " s for " + image + ".", true);
    }

    private static void requireOk(ImageReference image, Fetched response, String what) throws RegistryException {
        if (response.status != 200) {
            throw new RegistryException(image.registry() + " answered HTTP " + response.status + " for the " + what + " of " + image
                    + errorCode(response) + ".", response.status >= 500);
        }
    }

    private static JsonNode parse(ImageReference image, byte[] body, String what) throws RegistryException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (RuntimeException e) {
            throw new RegistryException(image.registry() + " sent a " + what + " for " + image + " that is not valid JSON.", false);
        }
    }

    private static String errorCode(Fetched response) {
        try {
            JsonNode errors = JSON.readTree(response.body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                return " (" + errors.get(0).path("code").asString("") + ")";
            }
        } catch (RuntimeException e) {
            // not a distribution error body
        }
        return "";
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String scheme(String host) {
        String h = host.replaceFirst(":[0-9]+$", "");
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") ? "http" : "https";
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    private static String bareType(String contentType) {
        return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    static String sha256(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Fetched(int status, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return Optional.of(e.getValue().get(0));
                }
            }
            return Optional.empty();
        }
    }
}
