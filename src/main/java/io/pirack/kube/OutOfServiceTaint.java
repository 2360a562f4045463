package io.pirack.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
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

    /** Removes the taint if present. */
    public static void remove(KubernetesClient client, String node) {
        client.nodes().withName(node).edit(n -> {
            if (hasIt(n)) {
                n.getSpec().setTaints(new ArrayList<>(n.getSpec().getTaints().stream()
                        .filter(t -> !KEY.equals(t.getKey())).toList()));
            }
            return n;
        });
    }

    private static boolean hasIt(Node node) {
        return node.getSpec() != null && node.getSpec().getTaints() != null
                && node.getSpec().getTaints().stream().anyMatch(t -> KEY.equals(t.getKey()));
    }
}
