package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.SimWorkload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pod-template change on the rehearsal rack is a RollingUpdate, as kube-controller-manager runs it:
 * {@code kubectl rollout restart} makes a new ReplicaSet (its pod-template-hash in name, labels and
 * selector) that surges by 2 (25 % of 6, rounded up) while the old one goes down one pod at a time
 * (25 % unavailable, rounded down), never fewer than 5 Ready pods; {@code kubectl rollout status}
 * finishes. On CI a missing kubectl fails the test (.ci/run installs it).
 */
class RolloutOnRehearseTest {

    @TempDir
    Path dir;

    private RehearseUnderTest rack;

    @BeforeEach
    void startRack() throws Exception {
        RehearseUnderTest.requireKubectl();
        rack = new RehearseUnderTest(dir, "--time-scale", "4");
    }

    @AfterEach
    void stopRack() throws InterruptedException {
        if (rack != null) {
            rack.close();
        }
    }

    @Test
    void rolloutRestartSurgesANewReplicaSetAndKeepsFiveOfSixReadyUntilKubectlSaysRolledOut() throws Exception {
        try (KubernetesClient client = ClusterConnection.forUrl(rack.apiUrl)) {
            var hello = client.pods().inNamespace(SimWorkload.DEMO_NAMESPACE).withLabel("app", SimWorkload.DEMO_DEPLOYMENT);
            hello.informOnCondition(pods -> pods.size() == 6 && pods.stream().allMatch(RolloutOnRehearseTest::ready)).get(90, TimeUnit.SECONDS);
            String oldRs = client.apps().replicaSets().inNamespace(SimWorkload.DEMO_NAMESPACE).list().getItems().stream()
                    .filter(rs -> rs.getMetadata().getName().startsWith(SimWorkload.DEMO_DEPLOYMENT + "-")).findFirst().orElseThrow()
                    .getMetadata().getName();

            Map<String, Pod> seen = new ConcurrentHashMap<>();
            AtomicInteger fewestReady = new AtomicInteger(6);
            AtomicInteger most = new AtomicInteger(6);
            // The informer's initial list arrives as one add per pod: count only once it has synced.
            java.util.concurrent.atomic.AtomicBoolean synced = new java.util.concurrent.atomic.AtomicBoolean();
            SharedIndexInformer<Pod> watch = hello.inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    update(pod);
                }

                @Override
                public void onUpdate(Pod before, Pod pod) {
                    update(pod);
                }

                @Override
                public void onDelete(Pod pod, boolean unknown) {
                    seen.remove(pod.getMetadata().getName());
                    count();
                }

                private void update(Pod pod) {
                    seen.put(pod.getMetadata().getName(), pod);
                    count();
                }

                private void count() {
                    if (!synced.get()) {
                        return;
                    }
                    List<Pod> live = seen.values().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
                    fewestReady.accumulateAndGet((int) live.stream().filter(RolloutOnRehearseTest::ready).count(), Math::min);
                    most.accumulateAndGet(live.size(), Math::max);
                }
            });
            assertTrue(watch.hasSynced(), "inform() returns once the initial list is in");
            // ... in the informer's store: its adds reach the handler on fabric8's own executor, maybe later.
            org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> seen.size() >= 6);
            synced.set(true);
            assertEquals(6, seen.size(), "the informer's initial list");
            try {
                RehearseUnderTest.Result restart = rack.kubectl("rollout", "restart", "deployment/hello", "-n", "demo");
                assertEquals(0, restart.exit(), restart.text());
                RehearseUnderTest.Result status = rack.kubectl("rollout", "status", "deployment/hello", "-n", "demo", "--timeout=120s");
                assertEquals(0, status.exit(), status.text());
                assertTrue(status.text().contains("successfully rolled out"), status.text());
            } finally {
                watch.close();
            }
            assertTrue(fewestReady.get() >= 5, "maxUnavailable 25 % of 6 = 1: at least 5 Ready, saw " + fewestReady.get());
            assertTrue(most.get() <= 8, "maxSurge 25 % of 6 = 2: at most 8 pods, saw " + most.get());

            List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(SimWorkload.DEMO_NAMESPACE).list().getItems().stream()
                    .filter(rs -> rs.getMetadata().getName().startsWith(SimWorkload.DEMO_DEPLOYMENT + "-")).toList();
            ReplicaSet old = sets.stream().filter(rs -> rs.getMetadata().getName().equals(oldRs)).findFirst().orElseThrow();
            ReplicaSet fresh = sets.stream().filter(rs -> !rs.getMetadata().getName().equals(oldRs)).findFirst().orElseThrow();
            assertEquals(0, old.getSpec().getReplicas(), "the old ReplicaSet is scaled to 0 and kept for rollback");
            assertEquals(6, fresh.getSpec().getReplicas());
            String hash = fresh.getMetadata().getLabels().get("pod-template-hash");
            assertEquals(SimWorkload.DEMO_DEPLOYMENT + "-" + hash, fresh.getMetadata().getName());
            assertEquals(hash, fresh.getSpec().getSelector().getMatchLabels().get("pod-template-hash"));
            assertTrue(hello.list().getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .allMatch(p -> hash.equals(p.getMetadata().getLabels().get("pod-template-hash"))), "every pod is of the new template");

            List<String> scaling = client.v1().events().inNamespace(SimWorkload.DEMO_NAMESPACE).withField("involvedObject.kind", "Deployment")
                    .list().getItems().stream().filter(e -> "ScalingReplicaSet".equals(e.getReason())).map(e -> e.getMessage()).toList();
            assertTrue(scaling.contains("Scaled up replica set " + fresh.getMetadata().getName() + " from 0 to 2"), scaling.toString());
            assertTrue(scaling.contains("Scaled down replica set " + oldRs + " from 6 to 5"), scaling.toString());
        }
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
