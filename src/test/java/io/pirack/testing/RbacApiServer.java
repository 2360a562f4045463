package io.pirack.testing;

import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * fabric8's embedded API server (CRUD mode, plain HTTP on loopback) with RBAC as the API server does
 * it: the user is the bearer token, a denied verb on a resource is answered 403 with the API server's
 * Status and wording, and SelfSubjectAccessReview answers from the same rules.
 */
public final class RbacApiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final KubernetesMockServer server;
    private final List<String> forbiddenAnswers = java.util.Collections.synchronizedList(new ArrayList<>());

    public RbacApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses) {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse rbac = authorize(request);
                return rbac != null ? rbac : super.dispatch(request);
            }
        }, false);
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("32").build());
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** {@code user} may not {@code verb} {@code resource} ("nodes", "nodes/proxy") anywhere. */
    public RbacApiServer deny(String user, String verb, String resource) {
        denied.add(user + " " + verb + " " + resource);
        return this;
    }

    /** The 403s answered so far, as "verb resource". */
    public List<String> forbiddenAnswers() {
        return List.copyOf(forbiddenAnswers);
    }

    /** A kubeconfig whose user authenticates as {@code user} (bearer token). */
    public Path writeKubeconfig(Path dir, String user) throws IOException {
        String url = server.url("/");
        return Files.writeString(dir.resolve("kubeconfig-" + user), String.join("\n",
                "apiVersion: v1", "kind: Config", "current-context: rbac",
                "clusters:", "- name: rbac", "  cluster:", "    server: " + url,
                "contexts:", "- name: rbac", "  context:", "    cluster: rbac", "    user: " + user,
                "users:", "- name: " + user, "  user:", "    token: " + user, ""));
    }

    private MockResponse authorize(RecordedRequest request) {
        String user = user(request);
        String full = request.getPath();
        String path = full.contains("?") ? full.substring(0, full.indexOf('?')) : full;
        String query = full.contains("?") ? full.substring(full.indexOf('?') + 1) : "";
        if (path.equals("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews") && "POST".equals(request.getMethod())) {
            return accessReview(user, request.getUtf8Body());
        }
        List<String> parts = new ArrayList<>(Arrays.asList(path.replaceAll("^/+", "").split("/")));
        int from = parts.isEmpty() ? 0 : "api".equals(parts.get(0)) ? 2 : "apis".equals(parts.get(0)) ? 3 : -1;
        if (from < 0 || parts.size() <= from) {
            return null;
        }
        List<String> rest = parts.subList(from, parts.size());
        String namespace = "";
        if (rest.size() >= 3 && "namespaces".equals(rest.get(0))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0) + (rest.size() >= 3 ? "/" + rest.get(2) : "");
        boolean named = rest.size() >= 2;
        String verb = switch (request.getMethod()) {
            case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> request.getMethod().toLowerCase(java.util.Locale.ROOT);
        };
        if (!denied.contains(user + " " + verb + " " + resource)) {
            return null;
        }
        forbiddenAnswers.add(verb + " " + resource);
        String scope = namespace.isEmpty() ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
        String group = "api".equals(parts.get(0)) ? "" : parts.get(1);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", "Failure");
        status.put("message", resource + (named ? " \"" + rest.get(1) + "\"" : "") + " is forbidden: User \"" + user
                + "\" cannot " + verb + " resource \"" + resource + "\" in API group \"" + group + "\" " + scope);
        status.put("reason", "Forbidden");
        status.put("details", Map.of("kind", rest.get(0)));
        status.put("code", 403);
        return new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
                .setBody(JSON.writeValueAsString(status));
    }

    @SuppressWarnings("unchecked")
    private MockResponse accessReview(String user, String body) {
        Map<String, Object> review = JSON.readValue(body, Map.class);
        Map<String, Object> attributes = (Map<String, Object>) ((Map<String, Object>) review.get("spec")).get("resourceAttributes");
        String sub = (String) attributes.get("subresource");
        String resource = attributes.get("resource") + (sub == null || sub.isEmpty() ? "" : "/" + sub);
        boolean allowed = !denied.contains(user + " " + attributes.get("verb") + " " + resource);
        review.put("status", allowed ? Map.of("allowed", true, "reason", "RBAC: allowed by test rules")
                : Map.of("allowed", false));
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                .setBody(JSON.writeValueAsString(review));
    }

    private static String user(RecordedRequest request) {
        String auth = request.getHeader("Authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : "system:anonymous";
    }

    @Override
    public void close() {
        server.destroy();
    }
}
