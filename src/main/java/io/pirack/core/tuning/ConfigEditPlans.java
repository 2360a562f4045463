package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which files to edit for a {@link TuningChange} on a given distribution, and how.
 *
 * @param controlPlane edits for the node(s) running the control plane
 * @param everyNode    edits for every node's kubelet
 * @param notes        what cannot be done on this distribution, in words
 */
public record ConfigEditPlans(List<ConfigEditPlan> controlPlane, List<ConfigEditPlan> everyNode, List<String> notes) {

    public ConfigEditPlans {
        controlPlane = List.copyOf(controlPlane);
        everyNode = List.copyOf(everyNode);
        notes = List.copyOf(notes);
    }

    public static Validation<ConfigEditPlans> forDistribution(Distribution distribution, KubeVersion version,
            TuningChange change, YamlParser yaml) {
        List<String> problems = change.problems();
        if (!problems.isEmpty()) {
            return Validation.invalid(String.join("; ", problems));
        }
        FlagChanges controllerManager = controllerManagerChanges(change, version);
        FlagChanges apiServer = apiServerChanges(change);
        List<ConfigEditPlan> controlPlane = new ArrayList<>();
        List<ConfigEditPlan> everyNode = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<Integer> lease = change.nodeLeaseDurationSeconds();
        switch (distribution) {
            case KUBEADM -> {
                if (!controllerManager.isEmpty()) {
                    controlPlane.add(new StaticPodManifestPlan(ConfigPaths.KUBEADM_CONTROLLER_MANAGER,
                            "kube-controller-manager", controllerManager, version, yaml));
                }
                if (!apiServer.isEmpty()) {
                    controlPlane.add(new StaticPodManifestPlan(ConfigPaths.KUBEADM_API_SERVER,
                            "kube-apiserver", apiServer, version, yaml));
                }
                lease.ifPresent(s -> everyNode.add(new KubeletConfigPlan(ConfigPaths.KUBEADM_KUBELET_CONFIG, s, yaml)));
            }
            case K3S -> {
                TreeMap<String, FlagChanges> keys = new TreeMap<>();
                if (!controllerManager.isEmpty()) {
                    keys.put(ComponentFlags.CONTROLLER_MANAGER_KEY, controllerManager);
                }
                if (!apiServer.isEmpty()) {
                    keys.put(ComponentFlags.API_SERVER_KEY, apiServer);
                }
                if (!keys.isEmpty()) {
                    controlPlane.add(new K3sConfigPlan(ConfigPaths.K3S_CONFIG, keys, yaml));
                }
                lease.ifPresent(s -> notes.add(leaseNote(distribution)));
            }
            case MICROK8S -> {
                if (!controllerManager.isEmpty()) {
                    controlPlane.add(new ArgsFilePlan(ConfigPaths.MICROK8S_CONTROLLER_MANAGER, "kube-controller-manager",
                            controllerManager, RestartAction.microk8sStopStart()));
                }
                if (!apiServer.isEmpty()) {
                    controlPlane.add(new ArgsFilePlan(ConfigPaths.MICROK8S_API_SERVER, "kube-apiserver",
                            apiServer, RestartAction.microk8sStopStart()));
                }
                lease.ifPresent(s -> notes.add(leaseNote(distribution)));
            }
            default -> notes.add("PiRack does not know where this cluster keeps its control-plane flags;"
                    + " set them by hand, or use tolerationSeconds on the Deployments (works everywhere).");
        }
        if (!apiServer.isEmpty() && !controlPlane.isEmpty()) {
            notes.add("The API server's default tolerations are stamped on pods when they are created: restart the demo"
                    + " Deployments afterwards, or tune their tolerations directly.");
        }
        if (!controlPlane.isEmpty()) {
            notes.add("While the control plane restarts, the API is unreachable for a minute or so on a Pi: do this before"
                    + " the audience arrives.");
        }
        return Validation.valid(new ConfigEditPlans(controlPlane, everyNode, notes));
    }

    private static String leaseNote(Distribution distribution) {
        return "The kubelet lease duration has no command-line flag (only a KubeletConfiguration file), so PiRack"
                + " does not change it on " + distribution.displayName() + "; keep the grace period at least "
                + TuningAdvisor.SAFE_RENEWALS_PER_GRACE + " × the renew interval (30 s with the default 40 s lease).";
    }

    static FlagChanges controllerManagerChanges(TuningChange change, KubeVersion version) {
        TreeMap<String, String> set = new TreeMap<>();
        change.nodeMonitorGracePeriod().ifPresent(g -> set.put(EffectiveSettings.GRACE_FLAG, GoDuration.format(g)));
        FlagChanges changes = FlagChanges.setting(set);
        // Any edit of a 1.27+ controller-manager also drops the obsolete flag that keeps it from starting.
        return !set.isEmpty() && version.atLeast(1, 27) ? changes.removing(EffectiveSettings.POD_EVICTION_TIMEOUT_FLAG) : changes;
    }

    static FlagChanges apiServerChanges(TuningChange change) {
        TreeMap<String, String> set = new TreeMap<>();
        change.defaultNotReadyTolerationSeconds().ifPresent(s -> set.put(EffectiveSettings.NOT_READY_TOLERATION_FLAG, String.valueOf(s)));
        change.defaultUnreachableTolerationSeconds().ifPresent(s -> set.put(EffectiveSettings.UNREACHABLE_TOLERATION_FLAG, String.valueOf(s)));
        return FlagChanges.setting(set);
    }

    static String describe(FlagChanges changes, boolean dashed) {
        String prefix = dashed ? "--" : "";
        List<String> parts = new ArrayList<>();
        changes.set().forEach((k, v) -> parts.add(prefix + k + "=" + v));
        changes.remove().forEach(k -> parts.add("remove " + prefix + k));
        return String.join(", ", parts);
    }

    /** "kube-controller-manager --node-monitor-grace-period: 40s → 20s" per changed flag. */
    static List<String> changeLines(FlagSet before, FlagSet after, String component) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(before.asMap().keySet());
        names.addAll(after.asMap().keySet());
        Map<String, String> old = before.asMap();
        Map<String, String> now = after.asMap();
        for (String name : names) {
            String was = old.get(name);
            String is = now.get(name);
            if (was == null) {
                lines.add(component + " --" + name + ": (default) → " + is);
            } else if (is == null) {
                lines.add(component + " --" + name + ": " + was + " → removed");
            } else if (!was.equals(is)) {
                lines.add(component + " --" + name + ": " + was + " → " + is);
            }
        }
        return lines;
    }
}
