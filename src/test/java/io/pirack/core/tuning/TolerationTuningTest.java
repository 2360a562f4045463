package io.pirack.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pirack.core.cluster.Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TolerationTuningTest {

    private static final Toleration GPU = new Toleration("gpu", "Exists", null, "NoSchedule", null);
    private static final Toleration UNREACHABLE_NO_SCHEDULE = new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoSchedule", null);
    private static final Toleration NOT_READY_300 = new Toleration("node.kubernetes.io/not-ready", "Exists", null, "NoExecute", 300L);

    @Test
    void replacesInPlaceAndAppendsMissingKeepingOthersInOrder() {
        List<Toleration> after = TolerationTuning.tuned(List.of(GPU, NOT_READY_300, UNREACHABLE_NO_SCHEDULE), 3).orThrow();
        assertEquals(List.of(GPU,
                new Toleration("node.kubernetes.io/not-ready", "Exists", null, "NoExecute", 3L),
                UNREACHABLE_NO_SCHEDULE,
                new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 3L)), after);
        assertEquals(3, TolerationTuning.currentSeconds(after));
        assertEquals(-1, TolerationTuning.currentSeconds(List.of(GPU, NOT_READY_300)));
    }

    @Test
    void duplicateManagedTolerationsCollapseToOne() {
        List<Toleration> after = TolerationTuning.tuned(List.of(NOT_READY_300, NOT_READY_300), 0).orThrow();
        assertEquals(2, after.size());
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 11, 300})
    void secondsOutsideTheDemoRangeAreRejected(long seconds) {
        assertFalse(TolerationTuning.tuned(List.of(), seconds).isValid());
    }

    @Test
    void renderedDiffShowsRemovedAndAddedLines() {
        String diff = TolerationTuning.diff("demo/hello", List.of(GPU, NOT_READY_300),
                TolerationTuning.tuned(List.of(GPU, NOT_READY_300), 5).orThrow());
        assertEquals("--- demo/hello\n+++ demo/hello (new)\n tolerations:\n - {key: gpu, operator: Exists, effect: NoSchedule}\n"
                + "-- {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}\n"
                + "+- {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 5}\n"
                + "+- {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 5}\n", diff);
    }
}
