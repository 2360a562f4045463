package io.pirack.core.tuning;

import static io.pirack.testing.ClusterFixtures.demoTolerations;
import static io.pirack.testing.ClusterFixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.Toleration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pull confirmation's dead-man check: the pods on the pulled Pi, with the tolerations the API server admitted. */
class DeadManBeforePullTest {

    /** kubeadm 1.30 as installed: 40 s grace, pods admitted with the 300 s default toleration. */
    private static final EffectiveSettings UPSTREAM = EffectiveSettings.defaults(KubeVersion.parse("v1.30.2"), Distribution.KUBEADM);

    private static final PodInfo WEB = pod("web-7d4b9-x1").on("rpi3").tolerations(demoTolerations(300L)).at(0);
    private static final PodInfo PROXY = pod("kube-proxy-q2").on("rpi3").owner(OwnerKind.DAEMON_SET, "kube-proxy")
            .tolerations(List.of(new Toleration(null, "Exists", null, null, null))).at(0);

    @Test
    void aRestoreBeforeThePodsOnThePiMoveIsAWarningWithBothFiguresAndTheDelayToSet() {
        Optional<TuningWarning> warning = DeadManCheck.beforePull(180, UPSTREAM, List.of(WEB, PROXY));

        assertTrue(warning.isPresent());
        assertEquals("A pulled Pi plugs itself back in after 3 min 00 s (the dead-man restore), but its pods move only "
                + "5 min 35 s – 5 min 55 s after the pull (demo/web): the Pi is back before Kubernetes evicts anything, so the"
                + " audience sees nothing move.", warning.get().message());
        assertTrue(warning.get().fix().startsWith("Set \"deadManSeconds\" in rack.json to at least 390 "), warning.get().fix());
    }

    @Test
    void aRestoreAfterThePodsMovedSaysNothing() {
        assertEquals(Optional.empty(), DeadManCheck.beforePull(600, UPSTREAM, List.of(WEB, PROXY)));
        PodInfo tuned = pod("web-7d4b9-x2").on("rpi3").tolerations(demoTolerations(2L)).at(0);
        assertEquals(Optional.empty(), DeadManCheck.beforePull(180, UPSTREAM, List.of(tuned)), "tolerationSeconds 2: moved in time");
    }

    @Test
    void aPiWithNothingKubernetesWouldMoveSaysNothing() {
        PodInfo leaving = pod("web-7d4b9-x3").on("rpi3").tolerations(demoTolerations(300L)).markedForDeletion(0, false).at(0);
        assertEquals(Optional.empty(), DeadManCheck.beforePull(15, UPSTREAM, List.of(PROXY, leaving)));
        assertEquals(Optional.empty(), DeadManCheck.beforePull(15, UPSTREAM, List.of()));
    }

    @Test
    void theSlowestPodOfAnAppCounts() {
        PodInfo fast = pod("web-7d4b9-x4").on("rpi3").tolerations(demoTolerations(2L)).at(0);
        Optional<TuningWarning> warning = DeadManCheck.beforePull(180, UPSTREAM, List.of(fast, WEB));
        assertTrue(warning.isPresent() && warning.get().message().contains("5 min 35 s – 5 min 55 s"), warning.toString());
    }
}
