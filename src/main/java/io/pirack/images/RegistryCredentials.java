package io.pirack.images;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registry logins taken from Kubernetes pull secrets ({@code kubernetes.io/dockerconfigjson}),
 * keyed by registry host. Only ever sent to the registry (or its token service) they belong to;
 * never logged, never written to disk.
 */
public final class RegistryCredentials {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Map<String, String> basicByHost = new LinkedHashMap<>();

    public static RegistryCredentials none() {
        return new RegistryCredentials();
    }

    /**
     * Adds the logins of one {@code .dockerconfigjson} document. Keys may be bare hosts
     * ({@code ghcr.io}) or URLs ({@code https://index.docker.io/v1/}); entries hold {@code auth}
     * (base64 of user:password) or {@code username}/{@code password}.
     *
     * @throws IllegalArgumentException when the document is not such a file (the message names no secret value)
     */
    public RegistryCredentials addDockerConfigJson(byte[] document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the pull secret is not a .dockerconfigjson document");
        }
        JsonNode auths = root.path("auths");
        for (Map.Entry<String, JsonNode> entry : auths.properties()) {
            String host = hostOf(entry.getKey());
            JsonNode value = entry.getValue();
            String auth = value.path("auth").asString("");
            if (auth.isEmpty() && value.hasNonNull("username")) {
                auth = Base64.getEncoder().encodeToString((value.path("username").asString("") + ":" + value.path("password").asString(""))
                        .getBytes(StandardCharsets.UTF_8));
            }
            if (!auth.isEmpty()) {
                basicByHost.putIfAbsent(host, auth);
            }
        }
        return this;
    }

    /** The {@code Basic} credentials for a registry host (Docker Hub's aliases are one host). */
    public Optional<String> basicFor(String registryHost) {
        return Optional.ofNullable(basicByHost.get(hostOf(registryHost)));
    }

    public boolean isEmpty() {
        return basicByHost.isEmpty();
    }

    static String hostOf(String key) {
        String host = key.replaceFirst("^[a-z]+://", "");
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
            default -> host;
        };
    }
}
