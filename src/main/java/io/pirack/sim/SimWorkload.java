package io.pirack.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.Taint;
import io.pirack.core.rack.PiSlot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects the rehearsal rack starts with: one Node per Pi (a kubeadm-like control plane on the
 * first), the control plane's static pods, and the demo workload whose three kinds of pods meet
 * three different fates when their Pi dies — the Deployment's move, the StatefulSet's gets stuck,
 * the DaemonSet's stay.
 */
public final class SimWorkload {

    public static final String DEMO_NAMESPACE = "demo";
    public static final String DEMO_DEPLOYMENT = "hello";
    public static final String DEMO_STATEFULSET = "web";
    public static final String DEMO_DAEMONSET = "kube-proxy";
    /** The rehearsal workload whose image has no build for the Pis ({@code pirack rehearse --workload amd64-only}). */
    public static final String AMD64_ONLY_DEPLOYMENT = "report";
    public static final String DEMO_IMAGE = "ghcr.io/pirack/hello:1.0";
    public static final String STATEFUL_IMAGE = "docker.io/library/redis:7.4-alpine";
    /** The kubelet version of the newest release the rack simulates (the default). */
    public static final String KUBELET_VERSION = KubernetesVersion.newest().gitVersion();

    private SimWorkload() {
    }

    static String daemonImage(KubernetesVersion version) {
        return "registry.k8s.io/kube-proxy:" + version.gitVersion();
    }

    static Node node(PiSlot slot, Instant now, boolean imagesPrePulled, KubernetesVersion version) {
        String v = version.gitVersion();
        boolean controlPlane = slot.role() == NodeRole.CONTROL_PLANE;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", slot.hostname());
        labels.put("kubernetes.io/arch", "arm64");
        labels.put("kubernetes.io/os", "linux");
        labels.put("node.kubernetes.io/instance-type", "raspberrypi-4b");
        if (controlPlane) {
            labels.put("node-role.kubernetes.io/control-plane", "");
        }
        List<String> images = new ArrayList<>(List.of(daemonImage(version), "registry.k8s.io/pause:3.10"));
        if (controlPlane) {
            images.addAll(List.of("registry.k8s.io/kube-apiserver:" + v, "registry.k8s.io/kube-controller-manager:" + v,
                    "registry.k8s.io/kube-scheduler:" + v, "registry.k8s.io/etcd:3.5.16-0"));
        } else if (imagesPrePulled) {
            images.addAll(List.of(DEMO_IMAGE, STATEFUL_IMAGE));
        }
        NodeBuilder builder = new NodeBuilder()
                .withNewMetadata().withName(slot.hostname()).withLabels(labels)
                    .withAnnotations(Map.of("kubeadm.alpha.kubernetes.io/cri-socket", "unix:///var/run/containerd/containerd.sock"))
                .endMetadata()
                .withNewSpec().withPodCIDR("10.42." + slot.hostname().hashCode() % 200 + ".0/24").endSpec();
        if (controlPlane) {
            builder.editSpec().addNewTaint().withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule").endTaint().endSpec();
        }
        var status = builder.withNewStatus();
        if (slot.ip() != null) {
            status.addNewAddress().withType("InternalIP").withAddress(slot.ip()).endAddress();
        }
        status.addNewAddress().withType("Hostname").withAddress(slot.hostname()).endAddress();
        for (String type : List.of("MemoryPressure", "DiskPressure", "PIDPressure", "Ready")) {
            boolean ready = type.equals("Ready");
            status.addNewCondition().withType(type).withStatus(ready ? "True" : "False")
                    .withReason(ready ? "KubeletReady" : type.equals("MemoryPressure") ? "KubeletHasSufficientMemory"
                            : type.equals("DiskPressure") ? "KubeletHasNoDiskPressure" : "KubeletHasSufficientPID")
                    .withMessage(ready ? "kubelet is posting ready status" : SimKubelet.KUBELET_MESSAGES.get(type))
                    .withLastHeartbeatTime(SimObjects.time(now)).withLastTransitionTime(SimObjects.time(now)).endCondition();
        }
        for (String image : images) {
            status.addNewImage().withNames(image).withSizeBytes(48_000_000L).endImage();
        }
        status.withNewNodeInfo().withKubeletVersion(v).withKubeProxyVersion(v)
                .withOsImage("Debian GNU/Linux 12 (bookworm)").withArchitecture("arm64").withOperatingSystem("linux")
                .withKernelVersion("6.6.51+rpt-rpi-v8").withContainerRuntimeVersion("containerd://1.7.24")
                .withMachineID("").withSystemUUID("").withBootID("").endNodeInfo();
        status.addToCapacity("cpu", new io.fabric8.kubernetes.api.model.Quantity("4"))
                .addToCapacity("memory", new io.fabric8.kubernetes.api.model.Quantity("8Gi"))
                .addToCapacity("pods", new io.fabric8.kubernetes.api.model.Quantity("110"));
        return status.endStatus().build();
    }

    /** kubeadm's static pods on the control plane, with the flags that decide failover timing. */
    static List<Pod> controlPlanePods(PiSlot controlPlane, Node node, SimTimings timings) {
        String host = controlPlane.hostname();
        String v = timings.version().gitVersion();
        List<Pod> pods = new ArrayList<>();
        pods.add(staticPod("kube-apiserver", host, node, "registry.k8s.io/kube-apiserver:" + v, List.of("kube-apiserver",
                "--advertise-address=" + (controlPlane.ip() == null ? "192.168.2.101" : controlPlane.ip()),
                "--secure-port=6443",
                "--default-not-ready-toleration-seconds=" + timings.defaultTolerationSeconds(),
                "--default-unreachable-toleration-seconds=" + timings.defaultTolerationSeconds())));
        pods.add(staticPod("kube-controller-manager", host, node, "registry.k8s.io/kube-controller-manager:" + v, List.of(
                "kube-controller-manager",
                "--node-monitor-period=" + timings.nodeMonitorPeriod().toSeconds() + "s",
                "--node-monitor-grace-period=" + timings.nodeMonitorGracePeriod().toSeconds() + "s",
                "--leader-elect=true")));
        pods.add(staticPod("kube-scheduler", host, node, "registry.k8s.io/kube-scheduler:" + v,
                List.of("kube-scheduler", "--leader-elect=true")));
        pods.add(staticPod("etcd", host, node, "registry.k8s.io/etcd:3.5.16-0", List.of("etcd", "--data-dir=/var/lib/etcd")));
        return pods;
    }

    private static Pod staticPod(String component, String host, Node node, String image, List<String> command) {
        return new PodBuilder()
                .withNewMetadata().withName(component + "-" + host).withNamespace("kube-system")
                    .withLabels(Map.of("component", component, "tier", "control-plane"))
                    .withAnnotations(Map.of("kubernetes.io/config.source", "file",
                            "kubernetes.io/config.mirror", Integer.toHexString(component.hashCode())))
                    .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(host)
                        .withUid(node.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName(host).withPriorityClassName("system-node-critical")
                    .withContainers(new ContainerBuilder().withName(component).withImage(image).withCommand(command).build())
                    .withTolerations(new TolerationBuilder().withOperator("Exists").withEffect("NoExecute").build())
                .endSpec()
                .build();
    }

    static Deployment demoDeployment(int replicas, Long tolerationSeconds) {
        List<Toleration> tolerations = new ArrayList<>();
        if (tolerationSeconds != null) {
            tolerations.add(SimObjects.noExecuteToleration(Taint.UNREACHABLE, tolerationSeconds));
            tolerations.add(SimObjects.noExecuteToleration(Taint.NOT_READY, tolerationSeconds));
        }
        return new DeploymentBuilder()
                .withNewMetadata().withName(DEMO_DEPLOYMENT).withNamespace(DEMO_NAMESPACE).withLabels(Map.of("app", DEMO_DEPLOYMENT)).endMetadata()
                .withNewSpec().withReplicas(replicas)
                    .withNewSelector().withMatchLabels(Map.of("app", DEMO_DEPLOYMENT)).endSelector()
                    .withTemplate(template(DEMO_DEPLOYMENT, DEMO_IMAGE, tolerations))
                .endSpec().build();
    }

    static Deployment amd64OnlyDeployment(String image) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(AMD64_ONLY_DEPLOYMENT).withNamespace(DEMO_NAMESPACE)
                    .withLabels(Map.of("app", AMD64_ONLY_DEPLOYMENT)).endMetadata()
                .withNewSpec().withReplicas(2)
                    .withNewSelector().withMatchLabels(Map.of("app", AMD64_ONLY_DEPLOYMENT)).endSelector()
                    .withTemplate(template(AMD64_ONLY_DEPLOYMENT, image, List.of()))
                .endSpec().build();
    }

    static StatefulSet demoStatefulSet() {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(DEMO_STATEFULSET).withNamespace(DEMO_NAMESPACE).withLabels(Map.of("app", DEMO_STATEFULSET)).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName(DEMO_STATEFULSET)
                    .withNewSelector().withMatchLabels(Map.of("app", DEMO_STATEFULSET)).endSelector()
                    .withTemplate(template(DEMO_STATEFULSET, STATEFUL_IMAGE, List.of()))
                .endSpec().build();
    }

    static DaemonSet demoDaemonSet(KubernetesVersion version) {
        return new DaemonSetBuilder()
                .withNewMetadata().withName(DEMO_DAEMONSET).withNamespace("kube-system").withLabels(Map.of("k8s-app", DEMO_DAEMONSET)).endMetadata()
                .withNewSpec()
                    .withNewSelector().withMatchLabels(Map.of("k8s-app", DEMO_DAEMONSET)).endSelector()
                    .withTemplate(new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("k8s-app", DEMO_DAEMONSET)).endMetadata()
                        .withNewSpec().withContainers(container(DEMO_DAEMONSET, daemonImage(version)))
                            .withTolerations(new TolerationBuilder().withOperator("Exists").build())
                        .endSpec().build())
                .endSpec().build();
    }

    private static PodTemplateSpec template(String app, String image, List<Toleration> tolerations) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(Map.of("app", app)).endMetadata()
                .withNewSpec().withContainers(container(app, image)).withTolerations(tolerations).endSpec()
                .build();
    }

    private static Container container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image).build();
    }
}
