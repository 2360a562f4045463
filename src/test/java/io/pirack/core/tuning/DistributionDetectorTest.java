package io.pirack.core.tuning;

import static io.pirack.core.tuning.TuningFixtures.T0;
import static io.pirack.core.tuning.TuningFixtures.node;
import static io.pirack.core.tuning.TuningFixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.PodInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DistributionDetectorTest {

    private static ClusterSnapshot snapshot(List<NodeInfo> nodes, List<PodInfo> pods) {
        return new ClusterSnapshot(1, T0, "test", new ApiStatus.Connected(T0),
                new TreeMap<>(nodes.stream().collect(Collectors.toMap(NodeInfo::name, Function.identity()))),
                pods.stream().collect(Collectors.toMap(PodInfo::key, Function.identity())),
                Map.of(), Map.of(), List.of());
    }

    @Test
    void k3sKubeletVersionMeansK3s() {
        ClusterSnapshot s = snapshot(List.of(node("pi1", NodeRole.CONTROL_PLANE, "v1.31.4+k3s1", Map.of(), Map.of())), List.of());
        DistributionDetector.Detection d = DistributionDetector.detect(s);
        assertEquals(Distribution.K3S, d.distribution());
        assertEquals("kubelet v1.31.4+k3s1 on pi1", d.evidence());
        assertEquals(31, DistributionDetector.version(s).minor());
    }

    @Test
    void k3sNodeArgsAnnotationMeansK3s() {
        ClusterSnapshot s = snapshot(List.of(node("pi1", NodeRole.CONTROL_PLANE, "v1.31.4",
                Map.of(), Map.of("k3s.io/node-args", "[\"server\"]"))), List.of());
        assertEquals(Distribution.K3S, DistributionDetector.detect(s).distribution());
    }

    @Test
    void microk8sClusterLabelMeansMicroK8s() {
        ClusterSnapshot s = snapshot(List.of(node("pi1", NodeRole.WORKER, "v1.32.3",
                Map.of("microk8s.io/cluster", "true", "kubernetes.io/hostname", "pi1"), Map.of())), List.of());
        assertEquals(Distribution.MICROK8S, DistributionDetector.detect(s).distribution());
    }

    @Test
    void kubeadmMirrorPodMeansKubeadm() {
        ClusterSnapshot s = snapshot(List.of(node("pi1", NodeRole.CONTROL_PLANE, "v1.32.3", Map.of(), Map.of())),
                List.of(pod("kube-system", "kube-controller-manager-pi1", "pi1")));
        DistributionDetector.Detection d = DistributionDetector.detect(s);
        assertEquals(Distribution.KUBEADM, d.distribution());
        assertEquals("static pod kube-system/kube-controller-manager-pi1", d.evidence());
    }

    @Test
    void kubeadmCriSocketAnnotationMeansKubeadm() {
        ClusterSnapshot s = snapshot(List.of(node("pi1", NodeRole.CONTROL_PLANE, "v1.32.3", Map.of(),
                Map.of("kubeadm.alpha.kubernetes.io/cri-socket", "unix:///var/run/containerd/containerd.sock"))), List.of());
        assertEquals(Distribution.KUBEADM, DistributionDetector.detect(s).distribution());
    }

    @Test
    void podNamedLikeAComponentOnAnotherNodeIsNotEvidence() {
        ClusterSnapshot s = snapshot(List.of(node("pi1", NodeRole.WORKER, "v1.32.3", Map.of(), Map.of())),
                List.of(pod("default", "kube-apiserver-pi1", "pi1"), pod("kube-system", "kube-apiserver-proxy", "pi1")));
        assertEquals(Distribution.OTHER, DistributionDetector.detect(s).distribution());
    }

    @Test
    void controlPlaneVersionIsPreferred() {
        ClusterSnapshot s = snapshot(List.of(
                node("pi1", NodeRole.WORKER, "v1.30.2", Map.of(), Map.of()),
                node("pi2", NodeRole.CONTROL_PLANE, "v1.32.3", Map.of(), Map.of())), List.of());
        assertEquals(32, DistributionDetector.version(s).minor());
        assertEquals(KubeVersion.UNKNOWN, DistributionDetector.version(snapshot(List.of(), List.of())));
    }
}
