package io.pirack.core.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server said 403: who may not do what. Told at once in one sentence ("Forbidden: cannot
 * patch nodes (user pirack-demo) — see docs/rbac.yaml"), never retried silently nor shown as an
 * unreachable API.
 *
 * @param user      as the API server named it; empty when it did not
 * @param namespace empty at the cluster scope
 */
public record Forbidden(String user, String verb, String resource, String namespace) {

    public static final String PREFIX = "Forbidden: ";
    public static final String RBAC_FILE = "docs/rbac.yaml";

    /** The API server's wording (k8s.io/apiserver's forbidden message, every release since 1.8). */
    private static final Pattern MESSAGE = Pattern.compile(
            "User \"([^\"]*)\" cannot (\\S+) resource \"([^\"]+)\"(?: in API group \"[^\"]*\")?(?: in the namespace \"([^\"]+)\")?");

    /** Reads the API server's message; {@code verb} and {@code resource} stand in when it says less. */
    public static Forbidden of(String message, String verb, String resource, String namespace) {
        Matcher m = message == null ? null : MESSAGE.matcher(message);
        if (m != null && m.find()) {
            return new Forbidden(m.group(1), m.group(2), m.group(3), m.group(4) == null ? "" : m.group(4));
        }
        return new Forbidden("", verb == null ? "access" : verb, resource == null ? "this resource" : resource,
                namespace == null ? "" : namespace);
    }

    public String sentence() {
        return PREFIX + "cannot " + verb + " " + resource + (namespace.isEmpty() ? "" : " in " + namespace)
                + (user.isEmpty() ? "" : " (user " + user + ")") + " — see " + RBAC_FILE;
    }

    /** Whether a status reason is a forbidden sentence. */
    public static boolean is(String reason) {
        return reason != null && reason.startsWith(PREFIX);
    }
}
