package io.pirack.core.tuning;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.PodInfo;
import java.util.Comparator;
import java.util.Optional;

/** Tells kubeadm, k3s and MicroK8s apart from what the API shows about nodes and kube-system pods. */
public final class DistributionDetector {

    public static final String KUBEADM_CRI_SOCKET_ANNOTATION = "kubeadm.alpha.kubernetes.io/cri-socket";
    public static final String MICROK8S_LABEL_PREFIX = "microk8s.io/";
    public static final String MICROK8S_CONTROL_PLANE_LABEL = "node.kubernetes.io/microk8s-controlplane";

    /** The distribution and the evidence that decided it, e.g. "kubelet v1.31.4+k3s1 on pi1". */
    public record Detection(Distribution distribution, String evidence) {
    }

    private DistributionDetector() {
    }

    public static Detection detect(ClusterSnapshot snapshot) {
        for (NodeInfo node : snapshot.nodes().values()) {
            String kubelet = node.kubeletVersion() == null ? "" : node.kubeletVersion();
            if (kubelet.contains("+k3s")) {
                return new Detection(Distribution.K3S, "kubelet " + kubelet + " on " + node.name());
            }
            if (node.annotations().containsKey(ComponentFlags.K3S_NODE_ARGS_ANNOTATION)) {
                return new Detection(Distribution.K3S, ComponentFlags.K3S_NODE_ARGS_ANNOTATION + " on " + node.name());
            }
        }
        for (NodeInfo node : snapshot.nodes().values()) {
            Optional<String> label = node.labels().keySet().stream()
                    .filter(k -> k.startsWith(MICROK8S_LABEL_PREFIX) || k.equals(MICROK8S_CONTROL_PLANE_LABEL))
                    .sorted()
                    .findFirst();
            if (label.isPresent()) {
                return new Detection(Distribution.MICROK8S, "label " + label.get() + " on " + node.name());
            }
        }
        for (PodInfo pod : snapshot.podsSorted()) {
            if (isKubeadmMirrorPod(pod, "kube-controller-manager") || isKubeadmMirrorPod(pod, "kube-apiserver")) {
                return new Detection(Distribution.KUBEADM, "static pod " + pod.key());
            }
        }
        for (NodeInfo node : snapshot.nodes().values()) {
            if (node.annotations().containsKey(KUBEADM_CRI_SOCKET_ANNOTATION)) {
                return new Detection(Distribution.KUBEADM, KUBEADM_CRI_SOCKET_ANNOTATION + " on " + node.name());
            }
        }
        return new Detection(Distribution.OTHER, "no kubeadm, k3s or MicroK8s marks on any node");
    }

    /** kubeadm's control-plane pods are mirror pods named {@code <component>-<node>} in kube-system. */
    public static boolean isKubeadmMirrorPod(PodInfo pod, String component) {
        return "kube-system".equals(pod.namespace())
                && pod.name().startsWith(component + "-")
                && pod.nodeName() != null
                && pod.name().equals(component + "-" + pod.nodeName());
    }

    /** The control plane's kubelet version (the controller-manager runs there), else the oldest node's. */
    public static KubeVersion version(ClusterSnapshot snapshot) {
        return snapshot.nodes().values().stream()
                .sorted(Comparator.comparing((NodeInfo n) -> n.role() != NodeRole.CONTROL_PLANE)
                        .thenComparing(n -> KubeVersion.parse(n.kubeletVersion()).minor()))
                .map(n -> KubeVersion.parse(n.kubeletVersion()))
                .findFirst()
                .orElse(KubeVersion.UNKNOWN);
    }
}
