package io.pirack.tuning;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.tuning.ComponentFlags;
import io.pirack.core.tuning.ConfigPaths;
import io.pirack.core.tuning.Distribution;
import io.pirack.core.tuning.DistributionDetector;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.FlagSet;
import io.pirack.core.tuning.KubeVersion;
import io.pirack.core.tuning.SettingSource;
import io.pirack.core.tuning.YamlParser;
import io.pirack.core.validate.Validation;
import io.pirack.ssh.RemoteCommandException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the effective failure-detection settings of a live cluster: distribution and version from
 * the snapshot, controller-manager and API server flags from where the distribution keeps them
 * (kubeadm mirror pods, the k3s node-args annotation or config file, MicroK8s args files over SSH),
 * the lease duration the kubelets actually write, and the kubelet's {@code /configz}.
 */
public final class ClusterSettingsReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KubernetesClient client;
    private final YamlParser yaml;

    public ClusterSettingsReader(KubernetesClient client, YamlParser yaml) {
        this.client = client;
        this.yaml = yaml;
    }

    /**
     * @param controlPlaneFiles files on the control-plane Pi, when SSH is set up; needed for MicroK8s
     *                          and as a fallback when the API does not show the flags
     */
    public EffectiveSettings read(ClusterSnapshot snapshot, Optional<RemoteFiles> controlPlaneFiles) {
        KubeVersion version = DistributionDetector.version(snapshot);
        Distribution distribution = DistributionDetector.detect(snapshot).distribution();
        EffectiveSettings settings = EffectiveSettings.defaults(version, distribution);
        try {
            settings = switch (distribution) {
                case KUBEADM -> kubeadm(settings, controlPlaneFiles);
                case K3S -> k3s(settings, snapshot, controlPlaneFiles);
                case MICROK8S -> microk8s(settings, controlPlaneFiles);
                default -> settings;
            };
        } catch (RemoteCommandException | ConfigEditException e) {
            settings = settings.withProblem("Could not read the control-plane settings over SSH: " + e.getMessage());
        } catch (KubernetesClientException e) {
            settings = settings.withProblem("Could not read the control-plane pods: " + e.getMessage());
        }
        settings = observedLease(settings, snapshot);
        return kubeletConfigz(settings, snapshot);
    }

    private EffectiveSettings kubeadm(EffectiveSettings settings, Optional<RemoteFiles> files)
            throws RemoteCommandException, ConfigEditException {
        Optional<FlagSet> controllerManager = mirrorPodFlags("kube-controller-manager");
        Optional<FlagSet> apiServer = mirrorPodFlags("kube-apiserver");
        EffectiveSettings out = settings;
        if (controllerManager.isPresent()) {
            out = out.withControllerManagerFlags(controllerManager.get(), SettingSource.controllerManagerMirrorPod());
        } else if (files.isPresent()) {
            out = withManifest(out, files.get(), ConfigPaths.KUBEADM_CONTROLLER_MANAGER, true);
        }
        if (apiServer.isPresent()) {
            out = out.withApiServerFlags(apiServer.get(), SettingSource.apiServerMirrorPod());
        } else if (files.isPresent()) {
            out = withManifest(out, files.get(), ConfigPaths.KUBEADM_API_SERVER, false);
        }
        return out;
    }

    private EffectiveSettings withManifest(EffectiveSettings settings, RemoteFiles files, String path, boolean controllerManager)
            throws RemoteCommandException, ConfigEditException {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            return settings.withProblem(path + " not found on the control-plane Pi");
        }
        Validation<Object> parsed = yaml.parse(text.get());
        List<String> command = parsed.isValid() ? manifestCommand(parsed.orThrow()) : List.of();
        if (command.isEmpty()) {
            return settings.withProblem(path + " has no readable command list");
        }
        SettingSource source = new SettingSource(path);
        return controllerManager
                ? settings.withControllerManagerFlags(FlagSet.fromArgs(command), source)
                : settings.withApiServerFlags(FlagSet.fromArgs(command), source);
    }

    private EffectiveSettings k3s(EffectiveSettings settings, ClusterSnapshot snapshot, Optional<RemoteFiles> files)
            throws RemoteCommandException, ConfigEditException {
        Optional<String> annotation = controlPlaneFirst(snapshot)
                .map(n -> n.annotations().get(ComponentFlags.K3S_NODE_ARGS_ANNOTATION))
                .filter(Objects::nonNull)
                .findFirst();
        if (annotation.isPresent()) {
            Validation<ComponentFlags> flags = ComponentFlags.fromK3sNodeArgs(annotation.get());
            if (flags.isValid()) {
                return withComponents(settings, flags.orThrow(), SettingSource.k3sNodeArgs());
            }
            settings = settings.withProblem(flags.message());
        }
        if (files.isPresent()) {
            Optional<String> config = files.get().read(ConfigPaths.K3S_CONFIG);
            if (config.isPresent()) {
                Validation<Object> parsed = yaml.parse(config.get());
                Validation<ComponentFlags> flags = parsed.isValid()
                        ? ComponentFlags.fromK3sConfig(parsed.orThrow())
                        : Validation.invalid(ConfigPaths.K3S_CONFIG + " is " + parsed.message());
                return flags.isValid()
                        ? withComponents(settings, flags.orThrow(), SettingSource.k3sConfigFile())
                        : settings.withProblem(flags.message());
            }
        }
        return settings;
    }

    private EffectiveSettings microk8s(EffectiveSettings settings, Optional<RemoteFiles> files)
            throws RemoteCommandException, ConfigEditException {
        if (files.isEmpty()) {
            return settings.withProblem("MicroK8s keeps its flags in files on the Pi: set up SSH to read them");
        }
        SettingSource source = SettingSource.microk8sArgsFile();
        EffectiveSettings out = settings;
        Optional<String> cm = files.get().read(ConfigPaths.MICROK8S_CONTROLLER_MANAGER);
        if (cm.isPresent()) {
            out = out.withControllerManagerFlags(FlagSet.fromArgsFile(cm.get()), source);
        }
        Optional<String> api = files.get().read(ConfigPaths.MICROK8S_API_SERVER);
        if (api.isPresent()) {
            out = out.withApiServerFlags(FlagSet.fromArgsFile(api.get()), source);
        }
        Optional<String> kubelet = files.get().read(ConfigPaths.MICROK8S_KUBELET);
        if (kubelet.isPresent()) {
            out = out.withKubeletFlags(FlagSet.fromArgsFile(kubelet.get()), source);
        }
        return out;
    }

    private static EffectiveSettings withComponents(EffectiveSettings settings, ComponentFlags flags, SettingSource source) {
        return settings.withControllerManagerFlags(flags.controllerManager(), source)
                .withApiServerFlags(flags.apiServer(), source)
                .withKubeletFlags(flags.kubelet(), source);
    }

    /** The command plus args of a kubeadm mirror pod (label {@code component=<name>} in kube-system). */
    private Optional<FlagSet> mirrorPodFlags(String component) {
        List<Pod> pods = client.pods().inNamespace("kube-system").withLabel("component", component).list().getItems();
        return pods.stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .flatMap(p -> p.getSpec().getContainers().stream())
                .filter(c -> component.equals(c.getName()))
                .findFirst()
                .map(ClusterSettingsReader::commandAndArgs)
                .map(FlagSet::fromArgs);
    }

    private static List<String> commandAndArgs(Container container) {
        List<String> words = new ArrayList<>();
        Optional.ofNullable(container.getCommand()).ifPresent(words::addAll);
        Optional.ofNullable(container.getArgs()).ifPresent(words::addAll);
        return words;
    }

    private static List<String> manifestCommand(Object document) {
        if (document instanceof Map<?, ?> doc && doc.get("spec") instanceof Map<?, ?> spec
                && spec.get("containers") instanceof List<?> containers && !containers.isEmpty()
                && containers.get(0) instanceof Map<?, ?> container && container.get("command") instanceof List<?> command) {
            return command.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** The lease duration most kubelets write into their Lease (what they really use). */
    static EffectiveSettings observedLease(EffectiveSettings settings, ClusterSnapshot snapshot) {
        Map<Integer, Long> counts = snapshot.leases().values().stream()
                .map(LeaseInfo::durationSeconds)
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream()
                .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(e -> settings.withObservedLeaseDuration(e.getKey(), SettingSource.nodeLease()))
                .orElse(settings);
    }

    /** {@code GET /api/v1/nodes/<node>/proxy/configz} on one Ready node; skipped when not allowed or not reachable. */
    private EffectiveSettings kubeletConfigz(EffectiveSettings settings, ClusterSnapshot snapshot) {
        Optional<NodeInfo> node = controlPlaneFirst(snapshot)
                .filter(n -> n.ready() == ConditionStatus.TRUE)
                .findFirst();
        if (node.isEmpty()) {
            return settings;
        }
        try {
            String body = client.raw("/api/v1/nodes/" + node.get().name() + "/proxy/configz");
            if (body == null) {
                return settings;
            }
            Map<?, ?> root = JSON.readValue(body, Map.class);
            if (root.get("kubeletconfig") instanceof Map<?, ?> config) {
                // The Lease shows what the kubelet really uses; configz adds the status update frequency.
                EffectiveSettings withConfigz = settings.withKubeletConfig(config, SettingSource.kubeletConfigz());
                return settings.nodeLeaseDuration().source().equals(SettingSource.nodeLease())
                        ? withConfigz.withObservedLeaseDuration((int) settings.nodeLeaseDuration().value().toSeconds(), SettingSource.nodeLease())
                        : withConfigz;
            }
        } catch (KubernetesClientException | JacksonException e) {
            // RBAC may forbid nodes/proxy; the defaults and the Lease still tell most of the story.
        }
        return settings;
    }

    private static Stream<NodeInfo> controlPlaneFirst(ClusterSnapshot snapshot) {
        return snapshot.nodes().values().stream().sorted(Comparator.comparing((NodeInfo n) -> n.role() != NodeRole.CONTROL_PLANE));
    }
}
