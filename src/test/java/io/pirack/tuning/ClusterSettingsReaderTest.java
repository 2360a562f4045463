package io.pirack.tuning;

import static io.pirack.core.tuning.TuningFixtures.T0;
import static io.pirack.core.tuning.TuningFixtures.node;
import static io.pirack.core.tuning.TuningFixtures.pod;
import static io.pirack.core.tuning.TuningFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.tuning.ConfigPaths;
import io.pirack.core.tuning.Distribution;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.SettingSource;
import io.pirack.core.tuning.TuningAdvisor;
import io.pirack.core.tuning.TuningFixtures;
import io.pirack.core.tuning.TuningWarning;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Effective settings read from the embedded API server (and files a Pi would hold). */
class ClusterSettingsReaderTest {

    private CrudApiServer server;
    private ClusterSettingsReader reader;

    @BeforeEach
    void start() {
        server = new CrudApiServer();
        reader = new ClusterSettingsReader(server.client, TuningFixtures.YAML);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ClusterSnapshot snapshot(List<NodeInfo> nodes, List<PodInfo> pods, List<LeaseInfo> leases) {
        return new ClusterSnapshot(1, T0, "test", new ApiStatus.Connected(T0),
                new TreeMap<>(nodes.stream().collect(Collectors.toMap(NodeInfo::name, Function.identity()))),
                pods.stream().collect(Collectors.toMap(PodInfo::key, Function.identity())),
                leases.stream().collect(Collectors.toMap(LeaseInfo::nodeName, Function.identity())),
                Map.of(), List.of());
    }

    private static RemoteFiles files(Map<String, String> byPath) {
        return path -> Optional.ofNullable(byPath.get(path));
    }

    @Test
    void kubeadmFlagsComeFromTheMirrorPodAndLeaseFromTheLeases() {
        Pod mirror = server.client.getKubernetesSerialization()
                .unmarshal(resource("kubeadm-kube-controller-manager.seed-article.yaml"), Pod.class);
        mirror.getMetadata().setName("kube-controller-manager-pi1");
        mirror.getSpec().setNodeName("pi1");
        server.client.pods().inNamespace("kube-system").resource(mirror).create();

        ClusterSnapshot snapshot = snapshot(
                List.of(node("pi1", NodeRole.CONTROL_PLANE, "v1.29.6", Map.of(), Map.of()),
                        node("pi2", NodeRole.WORKER, "v1.29.6", Map.of(), Map.of())),
                List.of(pod("kube-system", "kube-controller-manager-pi1", "pi1")),
                List.of(new LeaseInfo("pi1", T0, 40, T0), new LeaseInfo("pi2", T0, 40, T0)));
        EffectiveSettings s = reader.read(snapshot, Optional.empty());

        assertEquals(Distribution.KUBEADM, s.distribution());
        assertEquals(Duration.ofSeconds(20), s.nodeMonitorGracePeriod().value());
        assertEquals(SettingSource.controllerManagerMirrorPod(), s.nodeMonitorGracePeriod().source());
        assertEquals(SettingSource.nodeLease(), s.nodeLeaseDuration().source());
        assertEquals(SettingSource.defaultFor(s.version()), s.defaultUnreachableTolerationSeconds().source());
        assertTrue(TuningAdvisor.warnings(s).stream().anyMatch(w -> w.severity() == TuningWarning.Severity.FATAL));
    }

    @Test
    void kubeadmWithoutVisibleMirrorPodsFallsBackToTheManifestsOverSsh() {
        ClusterSnapshot snapshot = snapshot(List.of(node("pi1", NodeRole.CONTROL_PLANE, "v1.32.3", Map.of(),
                Map.of("kubeadm.alpha.kubernetes.io/cri-socket", "unix:///run/containerd/containerd.sock"))), List.of(), List.of());
        EffectiveSettings s = reader.read(snapshot, Optional.of(files(Map.of(
                ConfigPaths.KUBEADM_CONTROLLER_MANAGER, resource("kubeadm-kube-controller-manager.seed-article.yaml")))));
        assertEquals(Duration.ofSeconds(20), s.nodeMonitorGracePeriod().value());
        assertEquals(ConfigPaths.KUBEADM_CONTROLLER_MANAGER, s.nodeMonitorGracePeriod().source().description());
        assertTrue(s.problems().contains(ConfigPaths.KUBEADM_API_SERVER + " not found on the control-plane Pi"), s.problems().toString());
    }

    @Test
    void k3sFlagsComeFromTheNodeArgsAnnotation() {
        ClusterSnapshot snapshot = snapshot(List.of(node("pi1", NodeRole.CONTROL_PLANE, "v1.31.4+k3s1", Map.of(),
                Map.of("k3s.io/node-args", resource("k3s-node-args.json")))), List.of(), List.of());
        EffectiveSettings s = reader.read(snapshot, Optional.empty());
        assertEquals(Distribution.K3S, s.distribution());
        assertEquals(Duration.ofSeconds(30), s.nodeMonitorGracePeriod().value());
        assertEquals("k3s.io/node-args annotation", s.nodeMonitorGracePeriod().source().description());
        assertEquals(Duration.ofSeconds(5), s.nodeStatusUpdateFrequency().value());
    }

    @Test
    void k3sWithoutAnnotationReadsTheConfigFile() {
        ClusterSnapshot snapshot = snapshot(List.of(node("pi1", NodeRole.CONTROL_PLANE, "v1.31.4+k3s1", Map.of(), Map.of())),
                List.of(), List.of());
        EffectiveSettings s = reader.read(snapshot, Optional.of(files(Map.of(ConfigPaths.K3S_CONFIG, resource("k3s-config.yaml")))));
        assertEquals("/etc/rancher/k3s/config.yaml", s.nodeMonitorGracePeriod().source().description());
    }

    @Test
    void microk8sFlagsComeFromTheArgsFilesOverSsh() {
        ClusterSnapshot snapshot = snapshot(List.of(node("pi1", NodeRole.CONTROL_PLANE, "v1.32.3",
                Map.of("microk8s.io/cluster", "true"), Map.of())), List.of(), List.of());
        EffectiveSettings s = reader.read(snapshot, Optional.of(files(Map.of(
                ConfigPaths.MICROK8S_API_SERVER, resource("microk8s-kube-apiserver"),
                ConfigPaths.MICROK8S_CONTROLLER_MANAGER, resource("microk8s-kube-controller-manager")))));
        assertEquals(Distribution.MICROK8S, s.distribution());
        assertEquals(60L, s.defaultUnreachableTolerationSeconds().value());
        assertEquals("microk8s args file", s.defaultUnreachableTolerationSeconds().source().description());

        EffectiveSettings withoutSsh = reader.read(snapshot, Optional.empty());
        assertTrue(withoutSsh.problems().get(0).contains("set up SSH"), withoutSsh.problems().toString());
    }
}
