package io.pirack.core.tuning;

/** Where each distribution keeps the files PiRack reads and edits on a Pi. */
public final class ConfigPaths {

    public static final String KUBEADM_CONTROLLER_MANAGER = "/etc/kubernetes/manifests/kube-controller-manager.yaml";
    public static final String KUBEADM_API_SERVER = "/etc/kubernetes/manifests/kube-apiserver.yaml";
    public static final String KUBEADM_KUBELET_CONFIG = "/var/lib/kubelet/config.yaml";
    public static final String K3S_CONFIG = "/etc/rancher/k3s/config.yaml";
    public static final String MICROK8S_ARGS_DIR = "/var/snap/microk8s/current/args/";
    public static final String MICROK8S_CONTROLLER_MANAGER = MICROK8S_ARGS_DIR + "kube-controller-manager";
    public static final String MICROK8S_API_SERVER = MICROK8S_ARGS_DIR + "kube-apiserver";
    public static final String MICROK8S_KUBELET = MICROK8S_ARGS_DIR + "kubelet";

    private ConfigPaths() {
    }
}
