package io.pirack.core.cluster;

import java.util.List;

/**
 * One thing PiRack asks the API server to let it do, and why; the list is what {@code docs/rbac.yaml}
 * grants and what the preflight checks with SelfSubjectAccessReview.
 *
 * @param group     API group, "" for the core group
 * @param namespace "" for all namespaces / the cluster scope
 * @param required  false: PiRack works without it, one feature does not
 */
public record ApiPermission(String verb, String group, String resource, String subresource, String namespace,
                            String purpose, boolean required) {

    /** What PiRack uses (kube/, tuning/, images/): informers, Tuning, image checks, drill, rebalance. */
    public static final List<ApiPermission> PIRACK = List.of(
            need("list", "", "nodes", "", "the rack's nodes"),
            need("watch", "", "nodes", "", "the rack's nodes"),
            need("list", "", "pods", "", "the pods on the rack"),
            need("watch", "", "pods", "", "the pods on the rack"),
            need("list", "", "events", "", "the timeline's events"),
            need("watch", "", "events", "", "the timeline's events"),
            need("list", "coordination.k8s.io", "leases", "kube-node-lease", "node heartbeats"),
            need("watch", "coordination.k8s.io", "leases", "kube-node-lease", "node heartbeats"),
            need("list", "apps", "replicasets", "", "which Deployment a pod belongs to"),
            need("watch", "apps", "replicasets", "", "which Deployment a pod belongs to"),
            need("list", "apps", "deployments", "", "Tuning and the image check"),
            need("patch", "apps", "deployments", "", "tolerationSeconds and rebalance"),
            need("list", "apps", "statefulsets", "", "the image check"),
            need("list", "apps", "daemonsets", "", "the image pre-pull and check"),
            need("create", "apps", "daemonsets", "", "the image pre-pull"),
            need("delete", "apps", "daemonsets", "", "removing the image pre-pull"),
            need("deletecollection", "apps", "daemonsets", "", "removing the image pre-pull"),
            new ApiPermission("patch", "", "nodes", "", "", "drill --force-statefulset (out-of-service taint)", false),
            new ApiPermission("get", "", "nodes", "proxy", "", "the kubelet's live settings on the Tuning screen", false));

    private static ApiPermission need(String verb, String group, String resource, String namespace, String purpose) {
        return new ApiPermission(verb, group, resource, "", namespace, purpose, true);
    }

    /** "patch nodes", "get nodes/proxy", "list leases in kube-node-lease". */
    public String words() {
        return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource)
                + (namespace.isEmpty() ? "" : " in " + namespace);
    }

    /** The API server's answer for one permission; {@code allowed} null when it gave none. */
    public record Check(ApiPermission permission, Boolean allowed, String reason) {
    }
}
