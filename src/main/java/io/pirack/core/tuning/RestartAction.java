package io.pirack.core.tuning;

import java.util.List;

/**
 * What must happen after a file changed for the change to take effect.
 *
 * @param commands argument vectors run in order with sudo; empty when nothing must be run
 */
public record RestartAction(String description, List<List<String>> commands) {

    public RestartAction {
        commands = commands.stream().map(List::copyOf).toList();
    }

    public static RestartAction staticPodReload(String component) {
        return new RestartAction("the kubelet restarts the " + component + " static pod by itself", List.of());
    }

    public static RestartAction systemctlRestart(String unit) {
        return new RestartAction("restart " + unit, List.of(List.of("systemctl", "restart", unit)));
    }

    public static RestartAction microk8sStopStart() {
        return new RestartAction("microk8s stop; microk8s start",
                List.of(List.of("microk8s", "stop"), List.of("microk8s", "start")));
    }
}
