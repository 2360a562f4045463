package io.pirack.core.tuning;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes version as a kubelet or the API server reports it ({@code v1.32.3},
 * {@code v1.31.4+k3s1}, {@code v1.30.1-eks-...}). Only major and minor decide defaults and flags.
 */
public record KubeVersion(int major, int minor, String text) {

    /** Used when nothing reported a version; defaults assume the newest behaviour. */
    public static final KubeVersion UNKNOWN = new KubeVersion(1, Integer.MAX_VALUE, "unknown version");

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?.*");

    public static KubeVersion parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            return UNKNOWN;
        }
        return new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), text.strip());
    }

    public boolean isUnknown() {
        return minor == Integer.MAX_VALUE;
    }

    public boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    /** "v1.32" or "an unknown version". */
    public String shortName() {
        return isUnknown() ? "an unknown version" : "v" + major + "." + minor;
    }
}
