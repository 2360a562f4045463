package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.Taint;
import io.pirack.kube.ClusterConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Power on the rehearsal rack as a real rack has it: the control-plane Pi takes the API with it, a
 * restored Pi boots and reports NotReady before Ready, timestamps come from the simulated clock, and
 * the out-of-service taint frees a StatefulSet pod stuck on a dead Pi.
 */
class ControlPlanePowerTest {

    private static final Duration REAL_TIMEOUT = Duration.ofSeconds(180); // a safety net: a loaded machine starts a rack slowly

    @Test
    void pullingTheControlPlaneKillsTheApiForEveryClientAndNothingMovesUntilItHasBooted() throws Exception {
        SimTimings timings = SimTimings.demoTuned().withBootDelay(Duration.ofSeconds(8));
        try (RackUnderTest t = new RackUnderTest(4, timings, 4);
             KubernetesClient other = ClusterConnection.forUrl(t.rack.apiUrl())) {
            ClusterSnapshot steady = t.awaitSteadyDemo(REAL_TIMEOUT);
            String controlPlane = t.rack.controlPlaneNode();
            assertEquals("rpi1", controlPlane);
            List<String> pods = steady.pods().values().stream().map(PodInfo::key).toList();
            Instant pulled = t.rack.clock().instant();
            t.rack.unplug(controlPlane);

            assertFalse(t.rack.apiServing());
            boolean refused;
            try {
                other.nodes().list();
                refused = false;
            } catch (KubernetesClientException e) {
                refused = true;
            }
            assertTrue(refused, "a fabric8 client gets no answer while the control-plane Pi is off");
            assertTrue(Duration.between(pulled, t.rack.clock().instant()).compareTo(Duration.ofSeconds(2).multipliedBy(4)) <= 0,
                    "unreachable at once, not after a grace period");
            t.await("PiRack sees the API unreachable", REAL_TIMEOUT, s -> !s.api().isLive());

            // Twice the grace period plus the tolerations pass with the API down.
            Instant wellPast = pulled.plus(timings.nodeMonitorGracePeriod().multipliedBy(2)).plusSeconds(timings.demoTolerationSeconds());
            t.awaitSimTime(wellPast, REAL_TIMEOUT);
            assertFalse(t.rack.apiServing(), "still booting: the boot delay has not passed");

            Instant pluggedIn = t.rack.clock().instant();
            t.rack.plugIn(controlPlane);
            assertFalse(t.rack.apiServing(), "the Pi boots first");
            ClusterSnapshot back = t.await("API back and every node Ready", REAL_TIMEOUT, s -> s.api().isLive()
                    && s.nodes().values().stream().allMatch(n -> n.ready() == ConditionStatus.TRUE)
                    && s.eventsFor("Node", "rpi2").stream().anyMatch(e -> "RegisteredNode".equals(e.reason())
                        && e.lastTimestamp().isAfter(pulled)));
            Instant restarted = back.eventsFor("Node", "rpi2").stream().filter(e -> "RegisteredNode".equals(e.reason()))
                    .map(EventInfo::lastTimestamp).max(Instant::compareTo).orElseThrow();
            assertTrue(!restarted.isBefore(pluggedIn.plus(timings.bootDelay()).minusSeconds(1)),
                    "the controllers start after the boot delay: " + Duration.between(pluggedIn, restarted));
            for (String key : pods) {
                PodInfo pod = back.pods().get(key);
                assertTrue(pod != null && !pod.terminating(), key + " was not evicted: nothing ran while the control plane was off");
            }
            assertTrue(back.nodes().values().stream().noneMatch(n -> n.hasTaint(Taint.UNREACHABLE)),
                    "the restarted node lifecycle judges heartbeats from its own start: no node tainted");
        }
    }

    @Test
    void aRestoredPiBootsReportsNotReadyThenReadyAndLosesItsTaints() throws Exception {
        SimTimings timings = SimTimings.demoTuned().withBootDelay(Duration.ofSeconds(8));
        try (RackUnderTest t = new RackUnderTest(4, timings, 4)) {
            t.awaitSteadyDemo(REAL_TIMEOUT);
            t.rack.unplug("rpi4");
            t.await("rpi4 tainted", REAL_TIMEOUT, s -> s.node("rpi4").flatMap(n -> n.taint(Taint.UNREACHABLE, Taint.NO_EXECUTE)).isPresent());
            // The booted kubelet says Ready 3 simulated seconds after NotReady (0.75 s here): hear the NotReady as the
            // store applies it, as a waiter woken by it may look only after the Ready.
            RackUnderTest.Heard bootedNotReady = t.hear("rpi4 NotReady (False) after boot",
                    s -> s.node("rpi4").map(n -> n.ready() == ConditionStatus.FALSE).orElse(false));
            Instant plugged = t.rack.clock().instant();
            t.rack.plugIn("rpi4");
            ClusterSnapshot notReady = bootedNotReady.await(REAL_TIMEOUT);
            Instant firstStatus = notReady.node("rpi4").orElseThrow().condition("Ready").orElseThrow().lastTransitionTime();
            assertTrue(!firstStatus.isBefore(plugged.plus(timings.bootDelay()).minusSeconds(1)),
                    "the kubelet reports only after the boot delay: " + Duration.between(plugged, firstStatus));
            assertEquals("KubeletNotReady", notReady.node("rpi4").orElseThrow().condition("Ready").orElseThrow().reason());
            ClusterSnapshot ready = t.await("rpi4 Ready without lifecycle taints", REAL_TIMEOUT, s -> s.node("rpi4")
                    .map(n -> n.ready() == ConditionStatus.TRUE && !n.hasTaint(Taint.UNREACHABLE) && !n.hasTaint(Taint.NOT_READY))
                    .orElse(false));
            // The kubelet's own events say the same: NotReady first, then Ready.
            Instant saidNotReady = kubeletEvent(ready, "rpi4", "NodeNotReady", plugged);
            Instant saidReady = kubeletEvent(ready, "rpi4", "NodeReady", plugged);
            assertTrue(!saidNotReady.isAfter(saidReady), "NotReady " + saidNotReady + " before Ready " + saidReady);
        }
    }

    private static Instant kubeletEvent(ClusterSnapshot s, String node, String reason, Instant after) {
        return s.eventsFor("Node", node).stream()
                .filter(e -> reason.equals(e.reason()) && "kubelet".equals(e.source()) && !e.lastTimestamp().isBefore(after.minusSeconds(1)))
                .map(EventInfo::lastTimestamp).min(Instant::compareTo).orElseThrow(() -> new AssertionError("no kubelet " + reason));
    }

    @Test
    void atTenTimesSpeedEveryTimestampTheRackWritesIsSimulatedTime() throws Exception {
        try (RackUnderTest t = new RackUnderTest(4, SimTimings.demoTuned(), 10)) {
            ClusterSnapshot steady = t.awaitSteadyDemo(REAL_TIMEOUT);
            String victim = RackUnderTest.pods(steady, SimWorkload.DEMO_DEPLOYMENT).get(0).nodeName();
            Instant pulled = t.rack.clock().instant();
            t.rack.unplug(victim);
            t.await("a replacement Ready", REAL_TIMEOUT, s -> RackUnderTest.pods(s, SimWorkload.DEMO_DEPLOYMENT).stream()
                    .anyMatch(p -> p.ready() && !p.terminating() && p.createdAt().isAfter(pulled)));
            // Listed first, the clock read after: everything listed was written before "now".
            List<Pod> listed = t.client.pods().inNamespace(SimWorkload.DEMO_NAMESPACE).list().getItems();
            List<io.fabric8.kubernetes.api.model.Event> events = t.client.v1().events().inAnyNamespace().list().getItems();
            Instant now = t.rack.clock().instant();
            for (Pod pod : listed) {
                Instant created = Instant.parse(pod.getMetadata().getCreationTimestamp());
                assertFalse(created.isAfter(now.plusSeconds(1)), pod.getMetadata().getName() + " born in the future: " + created);
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    Instant deletion = Instant.parse(pod.getMetadata().getDeletionTimestamp());
                    Instant evicted = t.store.snapshot().eventsFor("Pod", pod.getMetadata().getName()).stream()
                            .filter(e -> e.message().startsWith("Marking for deletion")).map(EventInfo::lastTimestamp)
                            .findFirst().orElseThrow();
                    // The delete request lies between the eviction event (written just before it) and the
                    // informer's receipt of the Terminating pod; second resolution either side.
                    Instant requested = deletion.minusSeconds(30);
                    PodInfo seen = t.store.snapshot().pods().get(SimWorkload.DEMO_NAMESPACE + "/" + pod.getMetadata().getName());
                    assertTrue(!requested.isBefore(evicted.minusSeconds(1)) && !requested.isAfter(seen.receivedAt().plusSeconds(1)),
                            "deletionTimestamp = request time + 30 s grace: " + deletion + ", evicted " + evicted
                                    + ", seen Terminating " + seen.receivedAt());
                    assertEquals(30L, pod.getMetadata().getDeletionGracePeriodSeconds());
                } else if (created.isAfter(pulled)) {
                    assertTrue(!created.isBefore(pulled.minusSeconds(1)), "replacement born after the pull in simulated time");
                }
            }
            for (var event : events) {
                // events.k8s.io/v1 events (Scheduled) carry eventTime instead of lastTimestamp.
                Instant last = Instant.parse(event.getLastTimestamp() != null ? event.getLastTimestamp() : event.getEventTime().getTime());
                assertFalse(last.isAfter(now.plusSeconds(1)), "event " + event.getReason() + " from the future");
            }
        }
    }

    @Test
    void theOutOfServiceTaintLetsTheStatefulSetPodMoveOffADeadPi() throws Exception {
        try (RackUnderTest t = new RackUnderTest(4, SimTimings.demoTuned(), 4)) {
            ClusterSnapshot steady = t.awaitSteadyDemo(REAL_TIMEOUT);
            String victim = RackUnderTest.pods(steady, SimWorkload.DEMO_STATEFULSET).get(0).nodeName();
            t.rack.unplug(victim);
            t.await(victim + " tainted", REAL_TIMEOUT,
                    s -> s.node(victim).flatMap(n -> n.taint(Taint.UNREACHABLE, Taint.NO_EXECUTE)).isPresent());
            // What a presenter (or kubectl taint) does once sure the Pi is gone.
            t.client.nodes().withName(victim).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                    io.fabric8.kubernetes.client.dsl.base.PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/spec/taints/-\","
                    + "\"value\":{\"key\":\"" + Taint.OUT_OF_SERVICE + "\",\"value\":\"nodeshutdown\",\"effect\":\"NoExecute\"}}]");
            ClusterSnapshot moved = t.await("web-0 Ready on another Pi", REAL_TIMEOUT, s -> RackUnderTest.pods(s, SimWorkload.DEMO_STATEFULSET)
                    .stream().anyMatch(p -> p.ready() && !p.terminating() && !victim.equals(p.nodeName())));
            assertEquals(1, RackUnderTest.pods(moved, SimWorkload.DEMO_STATEFULSET).size(), "the old web-0 was force-deleted");
        }
    }
}
