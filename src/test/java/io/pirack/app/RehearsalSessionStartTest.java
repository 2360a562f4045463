package io.pirack.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.core.rack.RackSpec;
import io.pirack.sim.SimTimings;
import io.pirack.sim.SimWorkload;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal rack as the app opens it (issue 20): its objects are seeded straight into the API server's
 * store, and the app still finds every one of them through its own fabric8 client over HTTP, stamped as the
 * server stamps a create.
 */
class RehearsalSessionStartTest {

    private static final RackSpec RACK = RackSpec.rehearsal(4);

    @Test
    void theAppListsEverySeededObjectThroughItsClientAsTheServerStoredIt() throws Exception {
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(RACK, SimTimings.demoTuned(), 1))) {
            KubernetesClient client = session.client();

            List<Node> nodes = client.nodes().list().getItems();
            assertThat(nodes).extracting(n -> n.getMetadata().getName())
                    .containsExactlyInAnyOrder("rpi1", "rpi2", "rpi3", "rpi4");
            assertStampedByTheServer(nodes);
            List<Lease> leases = client.leases().inNamespace("kube-node-lease").list().getItems();
            assertThat(leases).extracting(l -> l.getSpec().getHolderIdentity())
                    .containsExactlyInAnyOrder("rpi1", "rpi2", "rpi3", "rpi4");
            assertStampedByTheServer(leases);
            List<Namespace> namespaces = client.namespaces().list().getItems();
            assertThat(namespaces).extracting(n -> n.getMetadata().getName())
                    .contains("default", "kube-system", "kube-public", "kube-node-lease", SimWorkload.DEMO_NAMESPACE);

            // The control-plane Pi's own pods, bound to it, as the scheduler never would.
            List<Pod> systemPods = client.pods().inNamespace("kube-system").list().getItems();
            assertThat(systemPods).isNotEmpty()
                    .anySatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("rpi1"));
            // Owned by the Node as the server stored it (its uid is the server's, read from the create's answer).
            String rpi1 = nodes.stream().filter(n -> n.getMetadata().getName().equals("rpi1")).findFirst().orElseThrow().getMetadata().getUid();
            assertThat(rpi1).isNotBlank();
            assertThat(systemPods).allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences())
                    .extracting(owner -> owner.getUid()).containsExactly(rpi1));
            assertStampedByTheServer(systemPods);
            assertThat(client.apps().deployments().inNamespace(SimWorkload.DEMO_NAMESPACE)
                    .withName(SimWorkload.DEMO_DEPLOYMENT).get()).isNotNull();
            assertThat(client.apps().statefulSets().inNamespace(SimWorkload.DEMO_NAMESPACE)
                    .withName(SimWorkload.DEMO_STATEFULSET).get()).isNotNull();
            assertThat(client.apps().daemonSets().inNamespace("kube-system")
                    .withName(SimWorkload.DEMO_DAEMONSET).get()).isNotNull();
        }
    }

    @Test
    void theAppsClientReadsJsonWithTheMapperTheRacksStartWarmedUp() throws Exception {
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(RACK, SimTimings.demoTuned(), 1))) {
            assertThat(session.client().getKubernetesSerialization())
                    .isSameAs(session.rehearsal().orElseThrow().serialization());
        }
    }

    @Test
    void theRacksKubeletsStartBeatingOnceItsCachesSyncedAfterTheSessionOpened() throws Exception {
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(RACK, SimTimings.demoTuned(), 1))) {
            CompletableFuture<Lease> renewed = new CompletableFuture<>();
            // Heard, not sampled: the first lease a kubelet renews after the open.
            try (Watch watch = session.client().leases().inNamespace("kube-node-lease").watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Lease lease) {
                    if (action == Action.MODIFIED) {
                        renewed.complete(lease);
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                    renewed.completeExceptionally(cause);
                }
            })) {
                Lease lease = renewed.get(60, TimeUnit.SECONDS);
                assertThat(lease.getSpec().getHolderIdentity()).isIn("rpi1", "rpi2", "rpi3", "rpi4");
            }
        }
    }

    @Test
    void theRacksKubeletsAndControllersWaitWhileTheAppHoldsThemAndStartOnceReleased() throws Exception {
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Void> release = new CompletableFuture<>();
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(RACK, SimTimings.demoTuned(), 1), () -> { },
                () -> {
                    holding.countDown();
                    release.join();
                })) {
            assertThat(holding.await(60, TimeUnit.SECONDS)).as("the rack's start thread reached the hold").isTrue();
            KubernetesClient client = session.client();
            // Held: the API serves the seed — every Pi, and the demo Deployment with no ReplicaSet or pod made for it yet.
            assertThat(client.nodes().list().getItems()).hasSize(4);
            assertThat(client.apps().replicaSets().inNamespace(SimWorkload.DEMO_NAMESPACE).list().getItems()).isEmpty();
            assertThat(client.pods().inNamespace(SimWorkload.DEMO_NAMESPACE).list().getItems()).isEmpty();

            release.complete(null);
            CompletableFuture<Pod> made = new CompletableFuture<>();
            try (Watch watch = client.pods().inNamespace(SimWorkload.DEMO_NAMESPACE).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Pod pod) {
                    made.complete(pod);
                }

                @Override
                public void onClose(WatcherException cause) {
                    made.completeExceptionally(cause);
                }
            })) {
                assertThat(made.get(60, TimeUnit.SECONDS).getMetadata().getNamespace()).isEqualTo(SimWorkload.DEMO_NAMESPACE);
            }
        }
    }

    private static void assertStampedByTheServer(List<? extends HasMetadata> objects) {
        assertThat(objects).allSatisfy(o -> {
            assertThat(Long.parseLong(o.getMetadata().getResourceVersion())).isPositive();
            assertThat(o.getMetadata().getCreationTimestamp()).isNotBlank();
        });
        assertThat(objects).extracting(o -> o.getMetadata().getResourceVersion()).doesNotHaveDuplicates();
    }
}
