package io.pirack.core.tuning;

/**
 * An image reference in the canonical form a container runtime reports in
 * {@code node.status.images[].names}: {@code nginx} → {@code docker.io/library/nginx:latest},
 * {@code ghcr.io/x/y@sha256:…} kept by digest.
 */
public record ImageRef(String repository, String tag, String digest) {

    private static final String DOCKER_HUB = "docker.io";

    public static ImageRef parse(String reference) {
        String ref = reference.strip();
        String digest = null;
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = ref.substring(at + 1);
            ref = ref.substring(0, at);
        }
        String tag = null;
        int lastSlash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = ref.substring(colon + 1);
            ref = ref.substring(0, colon);
        }
        String repository = ref;
        int firstSlash = ref.indexOf('/');
        String first = firstSlash < 0 ? "" : ref.substring(0, firstSlash);
        boolean hasRegistry = firstSlash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            repository = DOCKER_HUB + "/" + (firstSlash < 0 ? "library/" + ref : ref);
        } else if (first.equals("index.docker.io")) {
            repository = DOCKER_HUB + ref.substring(firstSlash);
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageRef(repository, tag, digest);
    }

    /** Whether a name the runtime reports for a stored image is this image. */
    public boolean matches(String reportedName) {
        ImageRef other = parse(reportedName);
        if (!repository.equals(other.repository)) {
            return false;
        }
        if (digest != null) {
            return digest.equals(other.digest);
        }
        return tag.equals(other.tag);
    }

    public String canonical() {
        return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
