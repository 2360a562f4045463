package io.pirack.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's toleration rules as a table: the cases of k8s.io/api core/v1 toleration_test.go
 * (ToleratesTaint) and of the taint eviction controller's getMinTolerationTime /
 * GetMatchingTolerations, plus the edge cases PiRack's three copies used to disagree on.
 */
class TolerationsTest {

    private static Toleration tol(String key, String op, String value, String effect, Long seconds) {
        return new Toleration(key, op, value, effect, seconds);
    }

    private static Taint taint(String key, String value, String effect) {
        return new Taint(key, value, effect, null);
    }

    static Stream<Arguments> toleratesTaint() {
        return Stream.of(
                // toleration_test.go: "empty toleration and empty taint" — Equal on empty key/value matches.
                Arguments.of(tol("", "", "", "", null), taint("", "", ""), true),
                Arguments.of(tol("foo", "Exists", "", "", null), taint("foo", "bar", "NoSchedule"), true),
                Arguments.of(tol("foo", "Equal", "bar", "", null), taint("foo", "bar", "NoSchedule"), true),
                Arguments.of(tol("foo", "Equal", "bar", "NoExecute", null), taint("foo", "bar", "NoExecute"), true),
                Arguments.of(tol("foo", "Equal", "bar", "NoSchedule", null), taint("foo", "bar", "NoExecute"), false),
                Arguments.of(tol("foo", "Equal", "baz", "", null), taint("foo", "bar", "NoSchedule"), false),
                Arguments.of(tol("foo", "Exists", "", "", null), taint("bar", "", "NoSchedule"), false),
                // A key-less Exists tolerates every taint.
                Arguments.of(tol("", "Exists", "", "", null), taint("node.kubernetes.io/unreachable", "", "NoExecute"), true),
                Arguments.of(tol(null, "Exists", null, null, null), taint("anything", "v", "NoSchedule"), true),
                // An empty operator means Equal.
                Arguments.of(tol("foo", "", "bar", "", null), taint("foo", "bar", "NoSchedule"), true),
                Arguments.of(tol("foo", "Lt", "1", "", null), taint("foo", "1", "NoSchedule"), false));
    }

    @ParameterizedTest(name = "{0} vs {1} → {2}")
    @MethodSource
    void toleratesTaint(Toleration toleration, Taint taint, boolean expected) {
        assertEquals(expected, Tolerations.toleratesTaint(toleration, taint));
    }

    static final Taint UNREACHABLE = taint(Taint.UNREACHABLE, null, Taint.NO_EXECUTE);
    static final Taint NOT_READY = taint(Taint.NOT_READY, null, Taint.NO_EXECUTE);

    static Stream<Arguments> timeToEviction() {
        Toleration exists = tol(null, "Exists", null, null, null);
        Toleration unreachable5 = tol(Taint.UNREACHABLE, "Exists", null, "NoExecute", 5L);
        Toleration unreachable8 = tol(Taint.UNREACHABLE, "Exists", null, "NoExecute", 8L);
        Toleration unreachableForever = tol(Taint.UNREACHABLE, "Exists", null, "NoExecute", null);
        Toleration notReady3 = tol(Taint.NOT_READY, "Exists", null, "NoExecute", 3L);
        return Stream.of(
                // getMinTolerationTime: no tolerations → 0; all nil → forever; ≤ 0 → 0; else the minimum.
                Arguments.of(List.of(UNREACHABLE), List.of(), Optional.of(Duration.ZERO)),
                Arguments.of(List.of(UNREACHABLE), List.of(unreachableForever), Optional.empty()),
                Arguments.of(List.of(UNREACHABLE), List.of(tol(Taint.UNREACHABLE, "Exists", null, "NoExecute", 0L)), Optional.of(Duration.ZERO)),
                Arguments.of(List.of(UNREACHABLE), List.of(tol(Taint.UNREACHABLE, "Exists", null, "NoExecute", -10L)), Optional.of(Duration.ZERO)),
                Arguments.of(List.of(UNREACHABLE), List.of(unreachable5), Optional.of(Duration.ofSeconds(5))),
                // The first matching toleration per taint is the one used (the example).
                Arguments.of(List.of(UNREACHABLE), List.of(exists, unreachable5), Optional.empty()),
                Arguments.of(List.of(UNREACHABLE), List.of(unreachable5, exists), Optional.of(Duration.ofSeconds(5))),
                Arguments.of(List.of(UNREACHABLE), List.of(unreachable8, unreachable5), Optional.of(Duration.ofSeconds(8))),
                // Several taints: the shortest of the tolerations used; one untolerated taint → now.
                Arguments.of(List.of(UNREACHABLE, NOT_READY), List.of(unreachable8, notReady3), Optional.of(Duration.ofSeconds(3))),
                Arguments.of(List.of(UNREACHABLE, NOT_READY), List.of(unreachable8), Optional.of(Duration.ZERO)),
                Arguments.of(List.of(UNREACHABLE, taint(Taint.OUT_OF_SERVICE, "nodeshutdown", Taint.NO_EXECUTE)),
                        List.of(unreachableForever), Optional.of(Duration.ZERO)),
                Arguments.of(List.of(), List.of(unreachable5), Optional.empty()));
    }

    @ParameterizedTest(name = "{0} with {1} → {2}")
    @MethodSource
    void timeToEviction(List<Taint> taints, List<Toleration> tolerations, Optional<Duration> expected) {
        assertEquals(expected, Tolerations.timeToEviction(taints, tolerations));
    }

    static Stream<Arguments> admitted() {
        return Stream.of(
                Arguments.of(List.of(), 2),
                Arguments.of(List.of(tol(null, "Exists", null, null, null)), 1),
                Arguments.of(List.of(tol(Taint.UNREACHABLE, "Exists", null, "NoExecute", 5L)), 2),
                Arguments.of(List.of(tol(Taint.UNREACHABLE, "Exists", null, "NoSchedule", 5L)), 3),
                Arguments.of(List.of(tol(null, "Exists", null, "NoExecute", null)), 1));
    }

    /** DefaultTolerationSeconds adds a toleration per key unless the pod has one (a key-less one counts). */
    @ParameterizedTest(name = "{0} → {1} tolerations")
    @MethodSource
    void admitted(List<Toleration> own, int expectedCount) {
        assertEquals(expectedCount, Tolerations.admitted(own, 300).size());
    }
}
