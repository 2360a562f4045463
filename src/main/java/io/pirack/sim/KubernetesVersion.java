package io.pirack.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes release the rehearsal rack claims to be, and the behaviour that differs between the
 * releases it can simulate (1.29–1.34).
 *
 * <ul>
 *   <li>Up to 1.33 the node lifecycle controller adds the {@code NoExecute} taint of a node that just
 *       turned NotReady/Unknown one monitor pass later than the condition (the taint pass reads the
 *       node from the informer cache, which does not yet show the condition it just wrote;
 *       kubernetes/kubernetes#120815). 1.34 taints in the same pass.</li>
 *   <li>{@code --node-monitor-grace-period} defaults to 40 s before 1.32 and 50 s from 1.32
 *       (the default changed in 1.32).</li>
 * </ul>
 */
public record KubernetesVersion(int minor, String gitVersion) {

    public static final int OLDEST_MINOR = 29;
    public static final int NEWEST_MINOR = 34;
    private static final List<String> RELEASES = List.of("v1.29.15", "v1.30.14", "v1.31.12", "v1.32.4", "v1.33.4", "v1.34.1");

    public static KubernetesVersion newest() {
        return ofMinor(NEWEST_MINOR);
    }

    public static KubernetesVersion ofMinor(int minor) {
        if (minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
            throw new IllegalArgumentException("the rehearsal rack simulates Kubernetes 1." + OLDEST_MINOR + "–1." + NEWEST_MINOR
                    + ", not 1." + minor);
        }
        return new KubernetesVersion(minor, RELEASES.get(minor - OLDEST_MINOR));
    }

    /** "1.32", "v1.32", "v1.32.4" or "1.32.4" — the patch part is ignored. */
    public static Optional<KubernetesVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = java.util.regex.Pattern.compile("v?1\\.(\\d{1,2})(\\.\\d+)?").matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int minor = Integer.parseInt(m.group(1));
        if (minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
            return Optional.empty();
        }
        return Optional.of(ofMinor(minor));
    }

    /** Every release the rack simulates, oldest first ("1.29" … "1.34"). */
    public static java.util.List<String> shortNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int m = OLDEST_MINOR; m <= NEWEST_MINOR; m++) {
            names.add(ofMinor(m).shortName());
        }
        return names;
    }

    /** One line for bad input: which versions exist. */
    public static String choices() {
        return "1." + OLDEST_MINOR + " … 1." + NEWEST_MINOR;
    }

    /** Whether the NoExecute taint trails the NotReady condition by one monitor period (≤ 1.33). */
    public boolean noExecuteOnePassLate() {
        return minor <= 33;
    }

    /** kube-controller-manager's default {@code --node-monitor-grace-period}. */
    public Duration defaultNodeMonitorGracePeriod() {
        return Duration.ofSeconds(minor >= 32 ? 50 : 40);
    }

    public String shortName() {
        return "1." + minor;
    }

    Map<String, Object> versionInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("major", "1");
        info.put("minor", String.valueOf(minor));
        info.put("gitVersion", gitVersion);
        info.put("gitCommit", "0000000000000000000000000000000000000000");
        info.put("gitTreeState", "clean");
        info.put("buildDate", "2025-01-01T00:00:00Z");
        info.put("goVersion", "go1.23.4");
        info.put("compiler", "gc");
        info.put("platform", "linux/arm64");
        return info;
    }
}
