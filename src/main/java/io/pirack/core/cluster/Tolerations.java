package io.pirack.core.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upstream's toleration rules, in one place for the rehearsal rack, the timeline and the prediction:
 * {@code Toleration.ToleratesTaint} (k8s.io/api/core/v1), {@code GetMatchingTolerations}
 * (component-helpers) and the taint eviction controller's {@code getMinTolerationTime}.
 *
 * <p>The rules that surprise: for each taint only the <em>first</em> toleration that matches counts
 * (so {@code [{operator: Exists}, {key: unreachable, tolerationSeconds: 5}]} tolerates forever), a
 * key-less {@code Exists} matches every taint, an empty effect matches every effect, and
 * {@code tolerationSeconds <= 0} means "evict now".
 */
public final class Tolerations {

    private Tolerations() {
    }

    /** {@code Toleration.ToleratesTaint}: does this one toleration match the taint? */
    public static boolean toleratesTaint(Toleration t, String taintKey, String taintValue, String taintEffect) {
        if (!isEmpty(t.effect()) && !t.effect().equals(taintEffect)) {
            return false;
        }
        if (!isEmpty(t.key()) && !t.key().equals(taintKey)) {
            return false;
        }
        String operator = t.operator() == null ? "" : t.operator();
        return switch (operator) {
            case "", "Equal" -> nullToEmpty(t.value()).equals(nullToEmpty(taintValue));
            case "Exists" -> true;
            default -> false;
        };
    }

    public static boolean toleratesTaint(Toleration t, Taint taint) {
        return toleratesTaint(t, taint.key(), taint.value(), taint.effect());
    }

    /** Whether some toleration matches the taint ({@code TolerationsTolerateTaint}). */
    public static boolean tolerate(List<Toleration> tolerations, Taint taint) {
        return tolerations.stream().anyMatch(t -> toleratesTaint(t, taint));
    }

    /**
     * {@code GetMatchingTolerations}: empty when some taint is not tolerated; otherwise, per taint,
     * the first toleration that matches it.
     */
    public static Optional<List<Toleration>> matching(List<Taint> taints, List<Toleration> tolerations) {
        List<Toleration> used = new ArrayList<>();
        for (Taint taint : taints) {
            Toleration first = tolerations.stream().filter(t -> toleratesTaint(t, taint)).findFirst().orElse(null);
            if (first == null) {
                return Optional.empty();
            }
            used.add(first);
        }
        return Optional.of(used);
    }

    /**
     * {@code getMinTolerationTime}: the shortest {@code tolerationSeconds} of the used tolerations;
     * zero for none or any {@code <= 0}; empty when all tolerate forever.
     */
    public static Optional<Duration> minTolerationTime(List<Toleration> used) {
        if (used.isEmpty()) {
            return Optional.of(Duration.ZERO);
        }
        Long min = null;
        for (Toleration t : used) {
            if (t.seconds() != null) {
                if (t.seconds() <= 0) {
                    return Optional.of(Duration.ZERO);
                }
                min = min == null ? t.seconds() : Math.min(min, t.seconds());
            }
        }
        return min == null ? Optional.empty() : Optional.of(Duration.ofSeconds(min));
    }

    /**
     * How long a pod may stay on a node with these NoExecute taints before the taint eviction
     * controller deletes it: zero when one is not tolerated, empty when tolerated forever.
     */
    public static Optional<Duration> timeToEviction(List<Taint> noExecuteTaints, List<Toleration> tolerations) {
        if (noExecuteTaints.isEmpty()) {
            return Optional.empty();
        }
        return matching(noExecuteTaints, tolerations).map(Tolerations::minTolerationTime).orElse(Optional.of(Duration.ZERO));
    }

    /** {@link #timeToEviction} for one NoExecute taint with this key and no value. */
    public static Optional<Duration> timeToEviction(String noExecuteTaintKey, List<Toleration> tolerations) {
        return timeToEviction(List.of(new Taint(noExecuteTaintKey, null, Taint.NO_EXECUTE, null)), tolerations);
    }

    /**
     * The DefaultTolerationSeconds admission plugin: a pod without its own NoExecute toleration for
     * not-ready / unreachable (a key-less toleration counts) gets one for {@code seconds}.
     */
    public static List<Toleration> admitted(List<Toleration> tolerations, long seconds) {
        List<Toleration> result = new ArrayList<>(tolerations);
        for (String key : List.of(Taint.NOT_READY, Taint.UNREACHABLE)) {
            boolean own = tolerations.stream().anyMatch(t -> (isEmpty(t.key()) || key.equals(t.key()))
                    && (isEmpty(t.effect()) || Taint.NO_EXECUTE.equals(t.effect())));
            if (!own) {
                result.add(new Toleration(key, "Exists", null, Taint.NO_EXECUTE, seconds));
            }
        }
        return result;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
