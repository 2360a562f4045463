package io.pirack.core.tuning;

/** How the cluster was installed; decides where settings live and what must restart. */
public enum Distribution {
    KUBEADM("kubeadm"),
    K3S("k3s"),
    MICROK8S("MicroK8s"),
    OTHER("other");

    private final String displayName;

    Distribution(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
