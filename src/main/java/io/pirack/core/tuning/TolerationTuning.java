package io.pirack.core.tuning;

import io.pirack.core.cluster.Taint;
import io.pirack.core.cluster.Toleration;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The safest failover knob: explicit NoExecute tolerations for {@code unreachable} and
 * {@code not-ready} with a short {@code tolerationSeconds} in a Deployment's pod template. A JSON
 * merge patch replaces the whole list, so the result carries every other toleration unchanged.
 */
public final class TolerationTuning {

    public static final long MIN_SECONDS = 0;
    public static final long MAX_SECONDS = 10;
    private static final Set<String> TUNED_KEYS = Set.of(Taint.UNREACHABLE, Taint.NOT_READY);

    private TolerationTuning() {
    }

    /**
     * The new toleration list: entries for the two node-failure taints are replaced in place (or
     * appended, unreachable first); everything else stays in its order.
     */
    public static Validation<List<Toleration>> tuned(List<Toleration> current, long seconds) {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            return Validation.invalid("tolerationSeconds must be between " + MIN_SECONDS + " and " + MAX_SECONDS
                    + " for the demo, not " + seconds);
        }
        List<Toleration> out = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (Toleration t : current) {
            if (!isTuned(t)) {
                out.add(t);
            } else if (!written.contains(t.key())) {
                written.add(t.key());
                out.add(toleration(t.key(), seconds));
            }
        }
        for (String key : List.of(Taint.UNREACHABLE, Taint.NOT_READY)) {
            if (!written.contains(key)) {
                out.add(toleration(key, seconds));
            }
        }
        return Validation.valid(List.copyOf(out));
    }

    /** Whether this toleration is one PiRack manages (node failure taint, NoExecute). */
    public static boolean isTuned(Toleration t) {
        return t.key() != null && TUNED_KEYS.contains(t.key()) && Taint.NO_EXECUTE.equals(t.effect());
    }

    /** The tuned toleration seconds if both managed tolerations are present and equal, else -1. */
    public static long currentSeconds(List<Toleration> tolerations) {
        List<Long> seconds = tolerations.stream().filter(TolerationTuning::isTuned)
                .map(t -> t.seconds() == null ? -1L : t.seconds()).distinct().toList();
        long keys = tolerations.stream().filter(TolerationTuning::isTuned).map(Toleration::key).distinct().count();
        return keys == 2 && seconds.size() == 1 ? seconds.get(0) : -1;
    }

    /** Warnings about kept tolerations that would defeat the tuning. */
    public static List<String> warnings(List<Toleration> tolerations) {
        List<String> warnings = new ArrayList<>();
        for (Toleration t : tolerations) {
            if (!isTuned(t) && t.seconds() == null && t.tolerates(Taint.UNREACHABLE, Taint.NO_EXECUTE)) {
                warnings.add("The toleration " + render(t) + " keeps the pods on an unreachable node forever;"
                        + " remove it or failover will not happen.");
            }
        }
        return List.copyOf(warnings);
    }

    private static Toleration toleration(String key, long seconds) {
        return new Toleration(key, "Exists", null, Taint.NO_EXECUTE, seconds);
    }

    /** Readable YAML-like lines, for the diff shown before applying. */
    public static String render(List<Toleration> tolerations) {
        if (tolerations.isEmpty()) {
            return "tolerations: []\n";
        }
        StringBuilder out = new StringBuilder("tolerations:\n");
        for (Toleration t : tolerations) {
            out.append("- ").append(render(t)).append('\n');
        }
        return out.toString();
    }

    public static String render(Toleration t) {
        List<String> parts = new ArrayList<>();
        if (t.key() != null) {
            parts.add("key: " + t.key());
        }
        if (t.operator() != null) {
            parts.add("operator: " + t.operator());
        }
        if (t.value() != null) {
            parts.add("value: " + t.value());
        }
        if (t.effect() != null) {
            parts.add("effect: " + t.effect());
        }
        if (t.seconds() != null) {
            parts.add("tolerationSeconds: " + t.seconds());
        }
        return "{" + String.join(", ", parts) + "}";
    }

    public static String diff(String deployment, List<Toleration> before, List<Toleration> after) {
        return LineDiff.unified(deployment, render(before), render(after));
    }
}
