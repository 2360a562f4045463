package io.pirack.core.preflight;

import io.pirack.core.cluster.ApiPermission;
import io.pirack.core.images.ImageVerdict;
import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.ImagePresence;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the preflight judges, as plain values gathered by the app or the CLI. An empty list
 * or {@code Optional} means "not checked", which the checklist shows as a warning, never as a pass.
 */
public record PreflightInputs(
        List<NetworkResult> network,
        List<NodeReadiness> nodes,
        Optional<ImagePresence> images,
        List<DemoWorkload> workloads,
        Optional<EffectiveSettings> settings,
        List<DeadManSwitch> deadManSwitches,
        List<ClockSample> clocks,
        Duration clockSkewLimit,
        Optional<List<ImageVerdict>> imageArchitecture,
        Optional<List<ApiPermission.Check>> permissions) {

    /** Timeline events are shown to a tenth of a second; half a second of skew already reorders close events. */
    public static final Duration DEFAULT_CLOCK_SKEW_LIMIT = Duration.ofMillis(500);

    public PreflightInputs {
        network = List.copyOf(network);
        nodes = List.copyOf(nodes);
        workloads = List.copyOf(workloads);
        deadManSwitches = List.copyOf(deadManSwitches);
        clocks = List.copyOf(clocks);
        imageArchitecture = imageArchitecture.map(List::copyOf);
        permissions = permissions.map(List::copyOf);
    }

    /** Inputs without an API permission check (shown as "not checked"). */
    public PreflightInputs(List<NetworkResult> network, List<NodeReadiness> nodes, Optional<ImagePresence> images,
            List<DemoWorkload> workloads, Optional<EffectiveSettings> settings, List<DeadManSwitch> deadManSwitches,
            List<ClockSample> clocks, Duration clockSkewLimit, Optional<List<ImageVerdict>> imageArchitecture) {
        this(network, nodes, images, workloads, settings, deadManSwitches, clocks, clockSkewLimit, imageArchitecture, Optional.empty());
    }

    /** With the API server's answer for each permission PiRack needs (SelfSubjectAccessReview). */
    public PreflightInputs withPermissions(List<ApiPermission.Check> checks) {
        return new PreflightInputs(network, nodes, images, workloads, settings, deadManSwitches, clocks, clockSkewLimit,
                imageArchitecture, Optional.of(checks));
    }

    /** Inputs without an image-architecture check (shown as "not checked"). */
    public PreflightInputs(List<NetworkResult> network, List<NodeReadiness> nodes, Optional<ImagePresence> images,
            List<DemoWorkload> workloads, Optional<EffectiveSettings> settings, List<DeadManSwitch> deadManSwitches,
            List<ClockSample> clocks, Duration clockSkewLimit) {
        this(network, nodes, images, workloads, settings, deadManSwitches, clocks, clockSkewLimit, Optional.empty());
    }

    public PreflightInputs withImageArchitecture(List<ImageVerdict> verdicts) {
        return new PreflightInputs(network, nodes, images, workloads, settings, deadManSwitches, clocks, clockSkewLimit, Optional.of(verdicts), permissions);
    }

    /** One network doctor finding, as the doctor reported it. */
    public record NetworkResult(String name, CheckStatus status, String message, String fix) {
    }

    public record NodeReadiness(String name, boolean ready, String reason) {
    }

    /** Whether a Pi can restore itself when the laptop is gone (systemd-run or sleep-and-restore via sudo). */
    public record DeadManSwitch(String pi, boolean available, String detail) {
    }

    /**
     * The Pi's clock minus the laptop's, measured over SSH (midpoint of the round trip); empty
     * when it could not be measured, with the reason in {@code error}.
     */
    public record ClockSample(String pi, Optional<Duration> skew, String error) {
    }
}
