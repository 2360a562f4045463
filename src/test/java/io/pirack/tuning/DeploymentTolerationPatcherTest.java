package io.pirack.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.core.tuning.TolerationPatchPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The toleration patch on the embedded API server (CRUD mode). */
class DeploymentTolerationPatcherTest {

    private static final Toleration DEDICATED = new TolerationBuilder()
            .withKey("dedicated").withOperator("Equal").withValue("demo").withEffect("NoSchedule").build();
    private static final Toleration DISK = new TolerationBuilder()
            .withKey("node.kubernetes.io/disk-pressure").withOperator("Exists").withEffect("NoSchedule").build();
    private static final Toleration UNREACHABLE_300 = new TolerationBuilder()
            .withKey("node.kubernetes.io/unreachable").withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(300L).build();

    private CrudApiServer server;
    private KubernetesClient client;
    private DeploymentTolerationPatcher patcher;

    @BeforeEach
    void start() {
        server = new CrudApiServer();
        client = server.client;
        patcher = new DeploymentTolerationPatcher(client);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Deployment create(List<Toleration> tolerations) {
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName("hello").withNamespace("demo").endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewSelector().addToMatchLabels("app", "hello").endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", "hello").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("hello").withImage("nginxdemos/hello:plain-text").endContainer()
                .withTolerations(tolerations)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        return client.apps().deployments().inNamespace("demo").resource(deployment).create();
    }

    private Deployment fetch() {
        return client.apps().deployments().inNamespace("demo").withName("hello").get();
    }

    @Test
    void applyingIsOneReadAndOnePatch() throws Exception {
        create(List.of(UNREACHABLE_300));
        TolerationPatchPlan plan = patcher.prepare("demo", "hello", 5);
        int before = server.requests();

        patcher.apply(plan);

        // The read checks the tolerations did not change since the plan; fabric8's withName(…).patch(…) read them again.
        assertEquals(2, server.requests() - before, "one GET and one PATCH");
        assertEquals(5, io.pirack.core.tuning.TolerationTuning.currentSeconds(patcher.demoWorkload("demo", "hello").tolerations()));
    }

    @Test
    void tuningKeepsOtherTolerationsReplacesTheDefaultOneAndRevertRestoresExactly() throws Exception {
        create(List.of(DEDICATED, UNREACHABLE_300, DISK));
        List<Toleration> original = fetch().getSpec().getTemplate().getSpec().getTolerations();

        TolerationPatchPlan plan = patcher.prepare("demo", "hello", 5);
        assertTrue(plan.diff().contains("-- {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}"),
                plan.diff());
        assertTrue(plan.diff().contains("+- {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 5}"),
                plan.diff());
        patcher.apply(plan);
        assertEquals(5, io.pirack.core.tuning.TolerationTuning.currentSeconds(patcher.demoWorkload("demo", "hello").tolerations()));

        List<Toleration> tuned = fetch().getSpec().getTemplate().getSpec().getTolerations();
        assertEquals(List.of(DEDICATED,
                new TolerationBuilder(UNREACHABLE_300).withTolerationSeconds(5L).build(),
                DISK,
                new TolerationBuilder().withKey("node.kubernetes.io/not-ready").withOperator("Exists").withEffect("NoExecute")
                        .withTolerationSeconds(5L).build()), tuned);
        assertEquals("hello", fetch().getSpec().getTemplate().getSpec().getContainers().get(0).getName(), "rest of template kept");

        // A second tuning must not overwrite the recorded original.
        patcher.apply(patcher.prepare("demo", "hello", 2));
        patcher.apply(patcher.prepareRevert("demo", "hello"));

        Deployment reverted = fetch();
        assertEquals(original, reverted.getSpec().getTemplate().getSpec().getTolerations());
        assertTrue(reverted.getMetadata().getAnnotations() == null
                || !reverted.getMetadata().getAnnotations().containsKey(DeploymentTolerationPatcher.PREVIOUS_TOLERATIONS_ANNOTATION));
    }

    @Test
    void deploymentWithoutTolerationsGetsBothAndRevertRemovesTheList() throws Exception {
        create(List.of());
        Deployment before = fetch();
        patcher.apply(patcher.prepare("demo", "hello", 0));
        Deployment tuned = fetch();
        assertEquals(2, tuned.getSpec().getTemplate().getSpec().getTolerations().size());
        assertNotEquals(before.getSpec().getTemplate(), tuned.getSpec().getTemplate(), "template changed, so pods roll");

        patcher.apply(patcher.prepareRevert("demo", "hello"));
        List<Toleration> restored = fetch().getSpec().getTemplate().getSpec().getTolerations();
        assertTrue(restored == null || restored.isEmpty(), String.valueOf(restored));
    }

    @Test
    void secondsOutsideZeroToTenAreRefusedBeforeAnyWrite() {
        create(List.of(DEDICATED));
        ConfigEditException e = assertThrows(ConfigEditException.class, () -> patcher.prepare("demo", "hello", 30));
        assertTrue(e.getMessage().contains("between 0 and 10"), e.getMessage());
        Map<String, String> annotations = fetch().getMetadata().getAnnotations();
        assertTrue(annotations == null || annotations.isEmpty(), String.valueOf(annotations));
    }

    @Test
    void missingDeploymentAndNothingToRevertAreExplained() {
        assertTrue(assertThrows(ConfigEditException.class, () -> patcher.prepare("demo", "nope", 5)).getMessage()
                .contains("demo/nope does not exist"));
        create(List.of());
        assertTrue(assertThrows(ConfigEditException.class, () -> patcher.prepareRevert("demo", "hello")).getMessage()
                .contains("nothing to revert"));
    }

    @Test
    void statusOrReplicaChangesSinceReadDoNotBlockThePatch() throws Exception {
        create(List.of(DEDICATED));
        TolerationPatchPlan plan = patcher.prepare("demo", "hello", 5);
        client.apps().deployments().inNamespace("demo").withName("hello").edit(d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        patcher.apply(plan);
        assertEquals(3, fetch().getSpec().getTemplate().getSpec().getTolerations().size());
        assertEquals(5, fetch().getSpec().getReplicas());
    }

    @Test
    void tolerationsChangedSinceReadAreNotOverwritten() throws Exception {
        create(List.of(DEDICATED));
        TolerationPatchPlan plan = patcher.prepare("demo", "hello", 5);
        client.apps().deployments().inNamespace("demo").withName("hello").edit(d -> {
            d.getSpec().getTemplate().getSpec().getTolerations().add(DISK);
            return d;
        });
        ConfigEditException e = assertThrows(ConfigEditException.class, () -> patcher.apply(plan));
        assertTrue(e.getMessage().contains("changed since PiRack read them"), e.getMessage());
        assertEquals(List.of(DEDICATED, DISK), fetch().getSpec().getTemplate().getSpec().getTolerations());
    }

    @Test
    void wildcardTolerationIsKeptButWarnedAbout() throws Exception {
        create(List.of(new TolerationBuilder().withOperator("Exists").build()));
        TolerationPatchPlan plan = patcher.prepare("demo", "hello", 5);
        assertEquals(1, plan.warnings().size());
        assertTrue(plan.warnings().get(0).contains("forever"));
    }
}
