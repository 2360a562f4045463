package io.pirack.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rehearsal rack's {@code /version} and API discovery documents ({@code /api}, {@code /apis},
 * the resource lists), in the legacy (unaggregated) form every kubectl understands, for the kinds the
 * rack holds. kubectl 1.32 asks for aggregated discovery first and falls back to these when the
 * answer is plain {@code application/json}, as it does against older API servers.
 */
final class ApiDiscovery {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** One resource type the rack serves. */
    record Resource(String group, String version, String plural, String singular, String kind, boolean namespaced,
                    List<String> shortNames, boolean hasStatus) {
        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    static final List<Resource> RESOURCES = List.of(
            new Resource("", "v1", "namespaces", "namespace", "Namespace", false, List.of("ns"), true),
            new Resource("", "v1", "nodes", "node", "Node", false, List.of("no"), true),
            new Resource("", "v1", "pods", "pod", "Pod", true, List.of("po"), true),
            new Resource("", "v1", "events", "event", "Event", true, List.of("ev"), false),
            new Resource("", "v1", "services", "service", "Service", true, List.of("svc"), true),
            new Resource("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), false),
            new Resource("", "v1", "secrets", "secret", "Secret", true, List.of(), false),
            new Resource("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), true),
            new Resource("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), true),
            new Resource("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, List.of("sts"), true),
            new Resource("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, List.of("ds"), true),
            new Resource("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), false),
            new Resource("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), false),
            new Resource("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true,
                    List.of("pdb"), true));

    private final KubernetesVersion version;

    ApiDiscovery(KubernetesVersion version) {
        this.version = version;
    }

    /** The discovery document at {@code path}, or null when the path is not a discovery path. */
    String answer(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (p.equals("/version")) {
            return JSON.writeValueAsString(version.versionInfo());
        }
        if (p.equals("/api")) {
            return JSON.writeValueAsString(Map.of("kind", "APIVersions", "versions", List.of("v1"),
                    "serverAddressByClientCIDRs", List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", ""))));
        }
        if (p.equals("/apis")) {
            List<Object> groups = new ArrayList<>();
            for (String group : groups()) {
                groups.add(group(group));
            }
            return JSON.writeValueAsString(Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups));
        }
        if (p.equals("/api/v1")) {
            return resourceList("");
        }
        String[] s = p.split("/");
        if (s.length == 3 && s[1].equals("apis") && groups().contains(s[2])) {
            Map<String, Object> group = new LinkedHashMap<>(group(s[2]));
            group.put("kind", "APIGroup");
            group.put("apiVersion", "v1");
            return JSON.writeValueAsString(group);
        }
        if (s.length == 4 && s[1].equals("apis") && groups().contains(s[2]) && s[3].equals("v1")) {
            return resourceList(s[2]);
        }
        return null;
    }

    /** The resource a list, get or watch path names (not a subresource), if the rack serves it. */
    Optional<Resource> resourceOf(String path) {
        String[] s = path.split("/");
        int base;
        String group;
        if (s.length >= 4 && s[1].equals("api") && s[2].equals("v1")) {
            group = "";
            base = 3;
        } else if (s.length >= 5 && s[1].equals("apis") && s[3].equals("v1")) {
            group = s[2];
            base = 4;
        } else {
            return Optional.empty();
        }
        int rest = s.length - base;
        String plural;
        int after;
        if (s[base].equals("namespaces") && rest >= 3) {
            plural = s[base + 2];
            after = s.length - (base + 3);
        } else {
            plural = s[base];
            after = s.length - (base + 1);
        }
        if (after > 1) {
            return Optional.empty();
        }
        return RESOURCES.stream().filter(r -> r.group().equals(group) && r.plural().equals(plural)).findFirst();
    }

    private static List<String> groups() {
        return RESOURCES.stream().map(Resource::group).filter(g -> !g.isEmpty()).distinct().toList();
    }

    private static Map<String, Object> group(String name) {
        Map<String, Object> v1 = Map.of("groupVersion", name + "/v1", "version", "v1");
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("versions", List.of(v1));
        group.put("preferredVersion", v1);
        return group;
    }

    private String resourceList(String group) {
        List<Object> resources = new ArrayList<>();
        for (Resource r : RESOURCES) {
            if (!r.group().equals(group)) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", r.plural());
            entry.put("singularName", r.singular());
            entry.put("namespaced", r.namespaced());
            entry.put("kind", r.kind());
            entry.put("verbs", VERBS);
            if (!r.shortNames().isEmpty()) {
                entry.put("shortNames", r.shortNames());
            }
            if (r.kind().equals("Pod") || r.group().equals("apps") || r.kind().equals("Service")) {
                entry.put("categories", List.of("all"));
            }
            resources.add(entry);
            if (r.hasStatus()) {
                resources.add(Map.of("name", r.plural() + "/status", "singularName", "", "namespaced", r.namespaced(),
                        "kind", r.kind(), "verbs", List.of("get", "patch", "update")));
            }
        }
        return JSON.writeValueAsString(Map.of("kind", "APIResourceList", "apiVersion", "v1",
                "groupVersion", group.isEmpty() ? "v1" : group + "/v1", "resources", resources));
    }
}
