package io.pirack.cli;

import io.pirack.sim.KubernetesVersion;
import io.pirack.sim.SimTimings;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The rehearsal rack's flags, shared by {@code rehearse}, {@code drill}, {@code snapshot} and the
 * app's {@code --sim}, so each has one name, one default and one range everywhere.
 */
public final class RehearsalOptions {

    /** Real time unless asked: what a presenter sees is what a real rack would do. */
    public static final String DEFAULT_TIME_SCALE = "1";
    public static final double MAX_TIME_SCALE = 200;

    @Option(names = "--k8s-version", paramLabel = "V",
            description = "Rehearsal rack: Kubernetes release to simulate, 1.29 … 1.34 (default: newest).")
    String k8sVersion;

    @Option(names = "--time-scale", defaultValue = DEFAULT_TIME_SCALE, paramLabel = "X",
            description = "Rehearsal rack: run X times faster than real time, 1–200 (default: ${DEFAULT-VALUE}).")
    double timeScale = Double.parseDouble(DEFAULT_TIME_SCALE);

    /** One sentence about what is wrong, or empty. */
    public Optional<String> problem() {
        if (k8sVersion != null && KubernetesVersion.parse(k8sVersion).isEmpty()) {
            return Optional.of("--k8s-version must be one of " + KubernetesVersion.choices() + ", not '" + k8sVersion + "'");
        }
        if (!(timeScale >= 1 && timeScale <= MAX_TIME_SCALE)) {
            return Optional.of("--time-scale must be between 1 and " + (int) MAX_TIME_SCALE + ", not " + timeScale);
        }
        return Optional.empty();
    }

    public KubernetesVersion version() {
        return k8sVersion == null ? KubernetesVersion.newest() : KubernetesVersion.parse(k8sVersion).orElseThrow();
    }

    public double timeScale() {
        return timeScale;
    }

    /** The preset's timings on the chosen release. */
    public SimTimings apply(SimTimings timings) {
        return timings.withVersion(version());
    }
}
