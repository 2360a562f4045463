package io.pirack.core.preflight;

import io.pirack.core.cluster.ApiPermission;
import io.pirack.core.images.ImageArchitectureItem;
import io.pirack.core.preflight.PreflightInputs.ClockSample;
import io.pirack.core.preflight.PreflightInputs.DeadManSwitch;
import io.pirack.core.preflight.PreflightInputs.NetworkResult;
import io.pirack.core.preflight.PreflightInputs.NodeReadiness;
import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.FailoverPrediction;
import io.pirack.core.tuning.GoDuration;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.TolerationTuning;
import io.pirack.core.tuning.TuningAdvisor;
import io.pirack.core.tuning.TuningWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Judges {@link PreflightInputs} into the "Ready for the show" checklist. Pure. */
public final class Preflight {

    private Preflight() {
    }

    public static PreflightReport check(PreflightInputs in) {
        List<PreflightItem> items = new ArrayList<>();
        items.add(network(in.network()));
        in.permissions().ifPresent(checks -> items.add(permissions(checks)));
        items.add(nodes(in.nodes()));
        items.add(images(in));
        items.add(ImageArchitectureItem.of(in.imageArchitecture()));
        items.add(tolerations(in));
        in.settings().ifPresent(s -> items.add(controlPlane(s)));
        items.add(deadMan(in.deadManSwitches()));
        items.add(clocks(in.clocks(), in.clockSkewLimit()));
        return new PreflightReport(items);
    }

    static PreflightItem network(List<NetworkResult> results) {
        String title = "Network";
        if (results.isEmpty()) {
            return new PreflightItem("network", title, CheckStatus.WARN, "the network doctor has not run", "Run the network doctor (pirack doctor).");
        }
        CheckStatus worst = results.stream().map(NetworkResult::status).reduce(CheckStatus.PASS, CheckStatus::worst);
        List<NetworkResult> bad = results.stream().filter(r -> r.status() == CheckStatus.WARN || r.status() == CheckStatus.FAIL).toList();
        if (results.stream().allMatch(r -> r.status() == CheckStatus.SKIP)) {
            // Not checked, and not needed (the rehearsal rack): neither a pass nor something to fix.
            return new PreflightItem("network", title, CheckStatus.SKIP, results.get(0).message(), "");
        }
        if (bad.isEmpty()) {
            return new PreflightItem("network", title, CheckStatus.PASS, results.size() + " checks passed", "");
        }
        String detail = bad.stream().map(r -> r.name() + ": " + r.message()).collect(Collectors.joining("; "));
        String fix = bad.stream().filter(r -> r.status() == worst).map(NetworkResult::fix).findFirst().orElse("");
        return new PreflightItem("network", title, worst, detail, fix);
    }

    /**
     * What the API server lets PiRack do (SelfSubjectAccessReview per permission): FAIL naming every
     * required one missing, WARN for optional ones or no answer.
     */
    static PreflightItem permissions(List<ApiPermission.Check> checks) {
        String title = "API permissions";
        if (checks.isEmpty()) {
            return new PreflightItem("permissions", title, CheckStatus.SKIP, "not needed: the rehearsal rack has no RBAC", "");
        }
        List<ApiPermission.Check> denied = checks.stream().filter(c -> Boolean.FALSE.equals(c.allowed())).toList();
        List<ApiPermission.Check> unknown = checks.stream().filter(c -> c.allowed() == null).toList();
        List<String> missing = denied.stream().filter(c -> c.permission().required()).map(c -> c.permission().words()).toList();
        List<String> optional = denied.stream().filter(c -> !c.permission().required())
                .map(c -> c.permission().words() + " (" + c.permission().purpose() + ")").toList();
        String fix = "Grant them: kubectl apply -f " + io.pirack.core.cluster.Forbidden.RBAC_FILE
                + " (bind the ClusterRole to the user in your kubeconfig).";
        if (!missing.isEmpty()) {
            return new PreflightItem("permissions", title, CheckStatus.FAIL, "missing: " + String.join(", ", missing)
                    + (optional.isEmpty() ? "" : "; optional, also missing: " + String.join(", ", optional)), fix);
        }
        if (!optional.isEmpty()) {
            return new PreflightItem("permissions", title, CheckStatus.WARN, "optional, missing: " + String.join(", ", optional), fix);
        }
        if (!unknown.isEmpty()) {
            return new PreflightItem("permissions", title, CheckStatus.WARN, "the API server did not answer for "
                    + unknown.stream().map(c -> c.permission().words()).collect(Collectors.joining(", "))
                    + (unknown.get(0).reason().isEmpty() ? "" : " (" + unknown.get(0).reason() + ")"),
                    "Check by hand: kubectl auth can-i --list");
        }
        return new PreflightItem("permissions", title, CheckStatus.PASS, "all " + checks.size() + " granted", "");
    }

    static PreflightItem nodes(List<NodeReadiness> nodes) {
        String title = "All nodes Ready";
        if (nodes.isEmpty()) {
            return new PreflightItem("nodes", title, CheckStatus.FAIL, "no nodes seen", "Check the cluster connection and that the Pis are powered.");
        }
        List<NodeReadiness> notReady = nodes.stream().filter(n -> !n.ready()).toList();
        long ready = nodes.size() - notReady.size();
        if (notReady.isEmpty()) {
            return new PreflightItem("nodes", title, CheckStatus.PASS, ready + "/" + nodes.size() + " Ready", "");
        }
        String names = notReady.stream().map(n -> n.name() + (n.reason().isEmpty() ? "" : " (" + n.reason() + ")"))
                .collect(Collectors.joining(", "));
        return new PreflightItem("nodes", title, CheckStatus.FAIL, ready + "/" + nodes.size() + " Ready; not ready: " + names,
                "Power and cable " + notReady.get(0).name() + ", then check its kubelet (systemctl status kubelet, k3s or snap.microk8s.daemon-kubelite).");
    }

    static PreflightItem images(PreflightInputs in) {
        String title = "Demo images on every node";
        if (in.images().isEmpty()) {
            return new PreflightItem("images", title, CheckStatus.WARN, "not checked", "Open Tuning ▸ Images to check.");
        }
        ImagePresence presence = in.images().get();
        if (presence.allPresent()) {
            return new PreflightItem("images", title, CheckStatus.PASS,
                    presence.images().size() + " images on " + presence.cells().size() + " nodes", "");
        }
        List<String> missing = presence.missing();
        return new PreflightItem("images", title, CheckStatus.FAIL,
                missing.size() + " missing: " + String.join(", ", missing.subList(0, Math.min(4, missing.size())))
                        + (missing.size() > 4 ? ", …" : ""),
                "Press \"Pre-pull now\" (Tuning ▸ Images) and wait until every node shows every image.");
    }

    static PreflightItem tolerations(PreflightInputs in) {
        String title = "Tolerations tuned";
        if (in.workloads().isEmpty()) {
            return new PreflightItem("tolerations", title, CheckStatus.WARN, "no demo Deployments chosen",
                    "Choose the demo Deployments in Tuning.");
        }
        List<String> untuned = new ArrayList<>();
        List<String> tuned = new ArrayList<>();
        for (DemoWorkload w : in.workloads()) {
            long seconds = TolerationTuning.currentSeconds(w.tolerations());
            if (seconds < TolerationTuning.MIN_SECONDS || seconds > TolerationTuning.MAX_SECONDS) {
                untuned.add(w.key());
            } else {
                String predicted = in.settings().map(s -> ", pods move after " + FailoverPrediction.predict(s, w.tolerations()).summary())
                        .orElse("");
                tuned.add(w.key() + " " + seconds + " s" + predicted);
            }
        }
        if (untuned.isEmpty()) {
            return new PreflightItem("tolerations", title, CheckStatus.PASS, String.join("; ", tuned), "");
        }
        String slow = in.settings()
                .map(s -> " (pods would move after " + FailoverPrediction.predict(s, List.of()).summary() + ")")
                .orElse("");
        return new PreflightItem("tolerations", title, CheckStatus.FAIL, "not tuned: " + String.join(", ", untuned) + slow,
                "Tuning ▸ set tolerationSeconds (0–10 s) on " + String.join(", ", untuned) + ".");
    }

    static PreflightItem controlPlane(EffectiveSettings settings) {
        List<TuningWarning> warnings = TuningAdvisor.warnings(settings).stream()
                .filter(w -> w.severity() != TuningWarning.Severity.INFO).toList();
        String title = "Failure detection settings";
        if (warnings.isEmpty()) {
            return new PreflightItem("control-plane", title, CheckStatus.PASS, "grace period "
                    + GoDuration.format(settings.nodeMonitorGracePeriod().value()) + " ("
                    + settings.nodeMonitorGracePeriod().source() + ")", "");
        }
        boolean fatal = warnings.stream().anyMatch(w -> w.severity() == TuningWarning.Severity.FATAL);
        TuningWarning first = fatal
                ? warnings.stream().filter(w -> w.severity() == TuningWarning.Severity.FATAL).findFirst().orElseThrow()
                : warnings.get(0);
        return new PreflightItem("control-plane", title, fatal ? CheckStatus.FAIL : CheckStatus.WARN, first.message(), first.fix());
    }

    static PreflightItem deadMan(List<DeadManSwitch> switches) {
        String title = "Dead-man restore on every Pi";
        if (switches.isEmpty()) {
            return new PreflightItem("dead-man", title, CheckStatus.WARN, "not checked",
                    "Check SSH to the Pis (Rack ▸ Test restore).");
        }
        List<DeadManSwitch> missing = switches.stream().filter(d -> !d.available()).toList();
        if (missing.isEmpty()) {
            return new PreflightItem("dead-man", title, CheckStatus.PASS, switches.size() + " Pis can restore themselves", "");
        }
        String detail = missing.stream().map(d -> d.pi() + ": " + d.detail()).collect(Collectors.joining("; "));
        return new PreflightItem("dead-man", title, CheckStatus.FAIL, detail,
                "Install PiRack's dead-man helper and its sudoers rule on " + missing.get(0).pi() + " (pirack plug install-helper "
                        + missing.get(0).pi() + "), or a pulled plug stays pulled if the laptop dies.");
    }

    static PreflightItem clocks(List<ClockSample> clocks, Duration limit) {
        String title = "Clocks in sync";
        if (clocks.isEmpty()) {
            return new PreflightItem("clocks", title, CheckStatus.WARN, "not checked", "Check SSH to the Pis.");
        }
        List<String> off = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Duration worst = Duration.ZERO;
        for (ClockSample c : clocks) {
            if (c.skew().isEmpty()) {
                unknown.add(c.pi() + " (" + c.error() + ")");
                continue;
            }
            Duration skew = c.skew().get().abs();
            worst = skew.compareTo(worst) > 0 ? skew : worst;
            if (skew.compareTo(limit) > 0) {
                off.add(c.pi() + " " + signed(c.skew().get()));
            }
        }
        if (!off.isEmpty()) {
            return new PreflightItem("clocks", title, CheckStatus.FAIL, "off by more than " + seconds(limit) + ": " + String.join(", ", off),
                    "Turn on time sync on the Pis and the laptop (sudo timedatectl set-ntp true; on a Pi without Internet,"
                            + " point chrony at the laptop); the timeline's order depends on it.");
        }
        if (!unknown.isEmpty()) {
            return new PreflightItem("clocks", title, CheckStatus.WARN, "could not measure " + String.join(", ", unknown), "Check SSH to those Pis.");
        }
        return new PreflightItem("clocks", title, CheckStatus.PASS, "worst skew " + seconds(worst), "");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }

    private static String signed(Duration d) {
        return (d.isNegative() ? "−" : "+") + seconds(d.abs());
    }
}
