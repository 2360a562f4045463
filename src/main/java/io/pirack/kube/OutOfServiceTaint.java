package io.pirack.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds and removes {@code node.kubernetes.io/out-of-service=nodeshutdown:NoExecute}: the documented way to tell
 * Kubernetes a node is really off, so the pod garbage collector force-deletes its Terminating pods and a
 * StatefulSet can re-create them elsewhere (non-graceful node shutdown, GA in 1.28).
 */
public final class OutOfServiceTaint {

    public static final String KEY = io.pirack.core.cluster.Taint.OUT_OF_SERVICE;
    public static final String VALUE = "nodeshutdown";

    private OutOfServiceTaint() {
    }

    /** Adds the taint unless the node has it; returns whether it was added. */
    public static boolean add(KubernetesClient client, String node, Instant now) {
        boolean[] added = {false};
        client.nodes().withName(node).edit(n -> {
            if (hasIt(n)) {
                return n;
            }
            List<Taint> taints = new ArrayList<>(n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints());
            taints.add(new TaintBuilder().withKey(KEY).withValue(VALUE).withEffect("NoExecute")
                    .withTimeAdded(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).build());
            n.getSpec().setTaints(taints);
            added[0] = true;
            return n;
        });
        return added[0];
    }

    /**
     * Removes the taint if present. One JSON patch that first tests the element it removes: the node
     * lifecycle controller edits the same list when the node comes back (its unreachable taints go),
     * and an index computed from an older read would otherwise remove the wrong taint or fail. A
     * failed test (the API server answers 422; 409 for a conflicting write) is read again and tried
     * again; any other refusal (403, 404, an unreachable API) is said at once, unretried.
     */
    public static void remove(KubernetesClient client, String node) {
        Node current = client.nodes().withName(node).require();
        for (int attempt = 1; ; attempt++) {
            List<Taint> taints = current.getSpec() == null || current.getSpec().getTaints() == null ? List.of()
                    : current.getSpec().getTaints();
            int index = -1;
            for (int i = 0; i < taints.size(); i++) {
                if (KEY.equals(taints.get(i).getKey())) {
                    index = i;
                }
            }
            if (index < 0) {
                return;
            }
            String patch = "[{\"op\":\"test\",\"path\":\"/spec/taints/" + index + "/key\",\"value\":\"" + KEY + "\"},"
                    + "{\"op\":\"remove\",\"path\":\"/spec/taints/" + index + "\"}]";
            try {
                // On the node just read (fabric8's withName(…).patch(…) would GET it again first); the answer is
                // the node as written, so a second such taint is seen without another read.
                current = client.resource(current).patch(PatchContext.of(PatchType.JSON), patch);
            } catch (KubernetesClientException e) {
                if (!lostARace(e) || attempt >= 5) {
                    throw e;
                }
                current = client.nodes().withName(node).require();
            }
        }
    }

    /** A failed {@code test} (422) or a conflicting write (409): the taints changed since they were read. */
    private static boolean lostARace(KubernetesClientException e) {
        return e.getCode() == 422 || e.getCode() == 409;
    }

    private static boolean hasIt(Node node) {
        return node.getSpec() != null && node.getSpec().getTaints() != null
                && node.getSpec().getTaints().stream().anyMatch(t -> KEY.equals(t.getKey()));
    }
}
