package io.pirack.core.plug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeCondition;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardrailsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private final TreeMap<String, NodeInfo> nodes = new TreeMap<>();
    private final Map<String, PodInfo> pods = new HashMap<>();

    private void node(String name, NodeRole role, ConditionStatus ready) {
        nodes.put(name, new NodeInfo(name, "uid-" + name, role, "192.168.2.1", "v1.33.1", "Debian", "arm64", false,
                List.of(new NodeCondition("Ready", ready, "KubeletReady", "", T0, T0)), List.of(), Set.of(),
                Map.of(), Map.of(), T0, T0));
    }

    private void workers(int count, int notReady) {
        for (int i = 1; i <= count; i++) {
            node("rpi" + i, NodeRole.WORKER, i <= notReady ? ConditionStatus.UNKNOWN : ConditionStatus.TRUE);
        }
    }

    private void pod(String name, String node, OwnerKind owner, boolean terminating, boolean controlPlane) {
        pods.put("demo/" + name, new PodInfo("demo", name, "uid-" + name, node, PodPhase.RUNNING, true, owner, "owner",
                "app", T0, terminating ? T0 : null, false, controlPlane, List.of(), List.of(), Map.of(), T0, T0));
    }

    private GuardrailReport assess(String node, Set<String> unplugged) {
        ClusterSnapshot snapshot = new ClusterSnapshot(1, T0, "test", new ApiStatus.Connected(T0), nodes, pods,
                Map.of(), Map.of(), List.of());
        return Guardrails.assess(snapshot, node, unplugged);
    }

    @Test
    void healthyWorkerWithDeploymentPodsIsClear() {
        workers(5, 0);
        pod("web-1", "rpi3", OwnerKind.REPLICA_SET, false, false);
        GuardrailReport report = assess("rpi3", Set.of());
        assertTrue(report.isClear(), report.toString());
        assertFalse(report.needsExplicitConfirmation());
    }

    @Test
    void controlPlaneNodeNeedsExplicitConfirmation() {
        node("rpi1", NodeRole.CONTROL_PLANE, ConditionStatus.TRUE);
        workers(0, 0);
        node("rpi2", NodeRole.WORKER, ConditionStatus.TRUE);
        GuardrailReport report = assess("rpi1", Set.of());
        GuardrailFinding finding = report.finding(GuardrailFinding.Rule.CONTROL_PLANE_API_DOWN).orElseThrow();
        assertEquals(GuardrailFinding.Severity.CONFIRM, finding.severity());
        assertTrue(finding.explanation().contains("API unreachable"));
        assertTrue(report.needsExplicitConfirmation());
    }

    @Test
    void nodeRunningControlPlanePodsCountsAsControlPlaneEvenIfLabelledWorker() {
        workers(3, 0);
        pod("kube-apiserver-rpi2", "rpi2", OwnerKind.NODE, false, true);
        assertTrue(assess("rpi2", Set.of()).finding(GuardrailFinding.Rule.CONTROL_PLANE_API_DOWN).isPresent());
    }

    @ParameterizedTest(name = "{0} nodes, {1} already down, pull one more: halted={2}")
    @CsvSource({
            "5, 1, false",   // 2 of 5 down: not more than 2
            "5, 2, true",    // 3 of 5 = 60 %
            "6, 2, false",   // 3 of 6 = 50 %
            "6, 3, true",    // 4 of 6 = 67 %
            "3, 1, false",   // 2 of 3: only 2 nodes
            "3, 2, true",    // every node down
            "20, 10, true",  // 11 of 20 = 55 % exactly
            "20, 9, false",  // 10 of 20 = 50 %
    })
    void evictionHaltsWhenMoreThanTwoAndAtLeast55PercentAreDown(int total, int alreadyDown, boolean halted) {
        workers(total, alreadyDown);
        GuardrailReport report = assess("rpi" + total, Set.of());
        assertEquals(halted, report.finding(GuardrailFinding.Rule.EVICTION_HALTED).isPresent(), report.toString());
    }

    @Test
    void nodesPiRackAlreadyUnpluggedCountAsDownBeforeKubernetesNotices() {
        workers(5, 0);
        GuardrailReport report = assess("rpi5", Set.of("rpi1", "rpi2"));
        GuardrailFinding finding = report.finding(GuardrailFinding.Rule.EVICTION_HALTED).orElseThrow();
        assertEquals("After this pull 3 of 5 nodes are down [rpi1, rpi2, rpi5]: no failover will be seen", finding.title());
        assertEquals(GuardrailFinding.Severity.WARNING, finding.severity());
    }

    @Test
    void pullingTheLastNodeExplainsThatEvictionStopsEntirely() {
        workers(3, 2);
        GuardrailFinding finding = assess("rpi3", Set.of()).finding(GuardrailFinding.Rule.EVICTION_HALTED).orElseThrow();
        assertTrue(finding.explanation().startsWith("With every node down"), finding.explanation());
    }

    @Test
    void statefulSetPodsOnTheNodeComeWithBothRemedies() {
        workers(5, 0);
        pod("db-0", "rpi2", OwnerKind.STATEFUL_SET, false, false);
        pod("db-1", "rpi3", OwnerKind.STATEFUL_SET, false, false);
        pod("old-0", "rpi2", OwnerKind.STATEFUL_SET, true, false);
        GuardrailFinding finding = assess("rpi2", Set.of()).finding(GuardrailFinding.Rule.STATEFUL_PODS_STAY).orElseThrow();
        assertEquals("1 StatefulSet pod(s) on rpi2 will not move: demo/db-0", finding.title());
        List<Remedy.Kind> kinds = new ArrayList<>();
        finding.remedies().forEach(r -> kinds.add(r.kind()));
        assertEquals(List.of(Remedy.Kind.FORCE_DELETE_PODS, Remedy.Kind.OUT_OF_SERVICE_TAINT), kinds);
        assertEquals(List.of("kubectl delete pod --namespace demo db-0 --force --grace-period=0"),
                finding.remedies().get(0).commands());
        assertEquals("kubectl taint nodes rpi2 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute",
                finding.remedies().get(1).commands().get(0));
        assertTrue(finding.remedies().stream().allMatch(Remedy::needsConfirmation));
    }

    @Test
    void daemonSetAndDeploymentPodsNeedNoRemedy() {
        workers(5, 0);
        pod("agent-x", "rpi2", OwnerKind.DAEMON_SET, false, false);
        pod("web-1", "rpi2", OwnerKind.REPLICA_SET, false, false);
        assertTrue(assess("rpi2", Set.of()).finding(GuardrailFinding.Rule.STATEFUL_PODS_STAY).isEmpty());
    }

    @Test
    void nodeMissingFromTheSnapshotIsSaidToBeUnseen() {
        workers(2, 0);
        GuardrailReport report = assess("rpi7", Set.of());
        assertEquals(GuardrailFinding.Severity.INFO, report.finding(GuardrailFinding.Rule.NODE_NOT_SEEN).orElseThrow().severity());
    }

    @Test
    void findingsAreOrderedMostSeriousFirst() {
        node("rpi1", NodeRole.CONTROL_PLANE, ConditionStatus.TRUE);
        node("rpi2", NodeRole.WORKER, ConditionStatus.UNKNOWN);
        node("rpi3", NodeRole.WORKER, ConditionStatus.UNKNOWN);
        pod("db-0", "rpi1", OwnerKind.STATEFUL_SET, false, false);
        List<GuardrailFinding.Severity> severities = assess("rpi1", Set.of()).findings().stream()
                .map(GuardrailFinding::severity).toList();
        assertEquals(List.of(GuardrailFinding.Severity.CONFIRM, GuardrailFinding.Severity.WARNING,
                GuardrailFinding.Severity.WARNING), severities);
    }

    @Test
    void aWorkerWithoutMovablePodsSaysNothingWillMove() {
        workers(4, 0);
        pod("agent-x", "rpi3", OwnerKind.DAEMON_SET, false, false);
        pod("web-1", "rpi2", OwnerKind.REPLICA_SET, false, false);
        GuardrailReport empty = assess("rpi3", Set.of());
        assertEquals("rpi3 runs no movable pods: nothing will move",
                empty.finding(GuardrailFinding.Rule.NOTHING_TO_MOVE).orElseThrow().title());
        assertTrue(assess("rpi2", Set.of()).isClear(), "a Deployment pod will move");
    }
}
