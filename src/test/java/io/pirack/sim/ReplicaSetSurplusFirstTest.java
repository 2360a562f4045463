package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Mid-rollout (old ReplicaSet just scaled 6 → 5, new one 2 → 3), one pass of the simulated ReplicaSet
 * controller must take the old pod away before it adds the new one — whichever ReplicaSet's name sorts
 * first — or anyone watching the rack sees 9 live pods where maxSurge allows 8 (CI saw 9 once in
 * RolloutOnRehearseTest). And a second pass that runs before the cache has caught up must not delete
 * that pod again (a second "Deleted pod" event).
 */
class ReplicaSetSurplusFirstTest {

    private static final String NS = "demo";

    private final SimStoreServer server = new SimStoreServer();
    private final KubernetesClient client = server.client();
    private SimCache cache;
    private Watch watch;

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
        if (cache != null) {
            cache.close();
        }
        server.close();
    }

    @Test
    void surplusOldPodGoesBeforeTheNewOneComesAndOnlyOnceWhileTheCacheLags() throws Exception {
        // "hello-aaaa" (the new template) sorts before "hello-zzzz" (the old one): name order would create first.
        ReplicaSet fresh = replicaSet("hello-aaaa", 3);
        ReplicaSet old = replicaSet("hello-zzzz", 5);
        for (int i = 0; i < 2; i++) {
            readyPod("hello-aaaa-" + i, fresh);
        }
        for (int i = 0; i < 6; i++) {
            readyPod("hello-zzzz-" + i, old);
        }
        cache = new SimCache(client, false);
        cache.startAndSync(30_000);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> cache.pods().size() == 8 && cache.replicaSets.getStore().list().size() == 2);

        List<String> writes = Collections.synchronizedList(new ArrayList<>());
        Set<String> live = Collections.synchronizedSet(new HashSet<>());
        cache.pods().forEach(p -> live.add(p.getMetadata().getName()));
        AtomicInteger most = new AtomicInteger(live.size());
        watch = client.pods().inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                String name = pod.getMetadata().getName();
                boolean gone = action == Action.DELETED || pod.getMetadata().getDeletionTimestamp() != null;
                if (gone && live.remove(name)) {
                    writes.add("delete " + name);
                } else if (!gone && live.add(name)) {
                    writes.add("create " + name);
                }
                if (!name.equals("marker")) {
                    most.accumulateAndGet(live.size(), Math::max);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });

        // Freeze the controllers' view of pods where it is now: the cache lags behind every write from here on.
        cache.pods.stop();
        WorkloadControllers controllers = new WorkloadControllers(new SimWriter(client), cache, new SimEvents(client, Clock.systemUTC()),
                new SimAdmission(300), 1);
        controllers.syncAll();
        controllers.syncAll(); // the cache still shows the deleted pod active and not the created one: nothing more to do

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> writes.size() >= 2);
        // Anything a second pass wrongly did has reached the watch once a marker written after it has.
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("marker").endMetadata()
                .withNewSpec().addNewContainer().withName("m").withImage("nginx").endContainer().endSpec().build()).create();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> writes.contains("create marker"));
        writes.remove("create marker");

        assertTrue(writes.get(0).startsWith("delete hello-zzzz-"), "the old ReplicaSet's surplus pod goes first: " + writes);
        assertTrue(writes.get(1).startsWith("create hello-aaaa-"), "then the new ReplicaSet's pod: " + writes);
        assertEquals(2, writes.size(), "one pod each way, no second delete while the cache lagged: " + writes);
        int deleteEvents = client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "SuccessfulDelete".equals(e.getReason()))
                .mapToInt(e -> e.getCount() == null ? 1 : e.getCount()).sum();
        assertEquals(1, deleteEvents, "kubectl get events shows the one deletion once");
        assertEquals(8, most.get(), "never more live pods than the two ReplicaSets' 3 + 5: " + writes);
    }

    private ReplicaSet replicaSet(String name, int replicas) {
        Map<String, String> labels = Map.of("app", "hello", "pod-template-hash", name.substring("hello-".length()));
        return client.apps().replicaSets().inNamespace(NS).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec().addNewContainer().withName("hello").withImage("nginx").endContainer().endSpec()
                    .endTemplate()
                .endSpec().build()).create();
    }

    private void readyPod(String name, ReplicaSet owner) {
        client.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName(name).withLabels(owner.getSpec().getTemplate().getMetadata().getLabels())
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                            .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true).build())
                .endMetadata()
                .withNewSpec().withNodeName("rpi1").addNewContainer().withName("hello").withImage("nginx").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
    }
}
