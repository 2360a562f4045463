package io.pirack.core.tuning;

/** Where an effective setting was read from, in words the presenter can check by hand. */
public record SettingSource(String description) {

    public static SettingSource defaultFor(KubeVersion version) {
        return new SettingSource("default for " + version.shortName());
    }

    public static SettingSource controllerManagerMirrorPod() {
        return new SettingSource("kube-controller-manager mirror pod command");
    }

    public static SettingSource apiServerMirrorPod() {
        return new SettingSource("kube-apiserver mirror pod command");
    }

    public static SettingSource k3sNodeArgs() {
        return new SettingSource("k3s.io/node-args annotation");
    }

    public static SettingSource k3sConfigFile() {
        return new SettingSource(ConfigPaths.K3S_CONFIG);
    }

    public static SettingSource microk8sArgsFile() {
        return new SettingSource("microk8s args file");
    }

    public static SettingSource kubeletConfigz() {
        return new SettingSource("kubelet /configz");
    }

    public static SettingSource kubeletConfigFile() {
        return new SettingSource(ConfigPaths.KUBEADM_KUBELET_CONFIG);
    }

    public static SettingSource nodeLease() {
        return new SettingSource("kube-node-lease Lease");
    }

    public static SettingSource rehearsalPreset() {
        return new SettingSource("rehearsal rack preset");
    }

    @Override
    public String toString() {
        return description;
    }
}
