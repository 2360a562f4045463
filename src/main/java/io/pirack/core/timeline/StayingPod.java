package io.pirack.core.timeline;

import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.Taint;

/**
 * A pod on the failed node that Kubernetes does not move, by design: a StatefulSet pod (its name cannot be
 * reused while the old object exists on the dead node), a DaemonSet pod (one per node, tolerates the taints
 * forever) or a pod no controller owns. Such pods are expected, not a failed run.
 *
 * @param fate where the pod stood when the run ended (null for DaemonSet pods, which are never evicted)
 */
public record StayingPod(PodRef pod, Reason reason, PodFate fate) {

    /** Why a pod stays. */
    public enum Reason {
        STATEFUL_SET("StatefulSet"),
        DAEMON_SET("DaemonSet"),
        NO_CONTROLLER("no controller");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Reason of(OwnerKind kind) {
            return switch (kind) {
                case STATEFUL_SET -> STATEFUL_SET;
                case DAEMON_SET -> DAEMON_SET;
                default -> NO_CONTROLLER;
            };
        }
    }

    /** "web-0 stays Terminating (StatefulSet)". */
    public String shortText() {
        return switch (reason) {
            case STATEFUL_SET -> pod.name() + " stays Terminating (StatefulSet)";
            case DAEMON_SET -> pod.name() + " stays (DaemonSet)";
            case NO_CONTROLLER -> pod.name() + " is not re-created (no controller)";
        };
    }

    /** Why it stays and what would move it, in one sentence for the report and the audience. */
    public String explanation(String node) {
        return switch (reason) {
            case STATEFUL_SET -> pod.key() + " (StatefulSet " + pod.ownerName() + ") stays on " + node
                    + ": once evicted it stays Terminating, and the StatefulSet cannot create another " + pod.name()
                    + " while the old object exists. It moves when " + node + " comes back, when the Node object is "
                    + "deleted, or when " + node + " gets the " + Taint.OUT_OF_SERVICE + " taint "
                    + "(pirack drill --force-statefulset).";
            case DAEMON_SET -> pod.key() + " (DaemonSet " + pod.ownerName() + ") stays on " + node
                    + ": a DaemonSet runs one pod per node and tolerates the node's taints; it runs again when "
                    + node + " comes back.";
            case NO_CONTROLLER -> pod.key() + " has no controller, so nothing re-creates it elsewhere; it is back "
                    + "only when " + node + " comes back.";
        };
    }
}
