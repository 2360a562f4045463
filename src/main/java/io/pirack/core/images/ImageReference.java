package io.pirack.core.images;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as a pod spec writes it ({@code nginx}, {@code ghcr.io/acme/web:1.2},
 * {@code registry:5000/x@sha256:…}), split the way the container runtime splits it: a first path
 * component with a dot, a colon or {@code localhost} is a registry host, anything else lives on
 * Docker Hub, and a one-component Docker Hub name is in {@code library/}.
 *
 * @param registry   the registry host as written ({@code docker.io} when none was)
 * @param repository the repository path on that registry ({@code library/nginx})
 * @param tag        the tag, empty when the reference has only a digest; {@code latest} when neither
 * @param digest     the digest pinned with {@code @}, empty when none
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";

    // The grammar of github.com/distribution/reference, reduced to what the runtime accepts.
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");
    private static final Pattern HOST = Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

    /** Parses one reference; a reference the runtime would refuse gets a message that says which part is wrong. */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an image reference is empty");
        }
        String rest = text.trim();
        if (rest.length() > 255 + 80) {
            throw new IllegalArgumentException("image reference \"" + abbreviate(rest) + "\" is too long");
        }
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("image reference \"" + text + "\" has a malformed digest (expected sha256: and 64 hex digits)");
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase(Locale.ROOT))) {
                if (!HOST.matcher(first).matches()) {
                    throw new IllegalArgumentException("image reference \"" + text + "\" has a malformed registry host \"" + first + "\"");
                }
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("image reference \"" + text + "\" has a malformed tag \"" + tag + "\"");
            }
        } else if (digest.isEmpty()) {
            tag = "latest";
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("image reference \"" + text + "\" names no repository");
        }
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("image reference \"" + text + "\" has an invalid repository name \"" + rest
                        + "\" (lower-case letters, digits and . _ - only)");
            }
        }
        if (isDockerHub(registry) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        return new ImageReference(isDockerHub(registry) ? DOCKER_HUB : registry, rest, tag, digest);
    }

    private static boolean isDockerHub(String registry) {
        return registry.equals(DOCKER_HUB) || registry.equals("index.docker.io") || registry.equals("registry-1.docker.io");
    }

    /** The host the distribution API answers on: Docker Hub's API is not at docker.io. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** What goes after {@code /manifests/}: the digest when pinned, else the tag. */
    public String manifestReference() {
        return digest.isEmpty() ? tag : digest;
    }

    public Optional<String> pinnedDigest() {
        return digest.isEmpty() ? Optional.empty() : Optional.of(digest);
    }

    /** The same repository at another tag (for suggesting a multi-architecture alternative). */
    public ImageReference withTag(String otherTag) {
        return new ImageReference(registry, repository, otherTag, "");
    }

    /** The full, canonical form: {@code docker.io/library/nginx:1.27}. */
    public String canonical() {
        return registry + "/" + repository + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }

    /** The short form people type: {@code nginx:1.27}, {@code ghcr.io/acme/web:1.2}. */
    @Override
    public String toString() {
        String name = registry.equals(DOCKER_HUB)
                ? (repository.startsWith("library/") ? repository.substring("library/".length()) : repository)
                : registry + "/" + repository;
        return name + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest.substring(0, Math.min(digest.length(), 19)));
    }

    private static String abbreviate(String s) {
        return s.substring(0, 40) + "…";
    }
}
