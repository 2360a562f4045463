package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.tuning.TolerationPatchPlan;
import io.pirack.core.validate.Validation;
import io.pirack.kube.ClusterConnection;
import io.pirack.testing.RbacApiServer;
import io.pirack.tuning.ConfigEditException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tuning screen's writes against an API server that refuses them (fabric8's embedded server with
 * RBAC, {@link RbacApiServer}): the presenter reads one sentence naming the verb, resource, namespace
 * and user, and what to do — not fabric8's "Failure executing: PATCH at: https://…".
 */
class TuningForbiddenTest {

    @TempDir
    Path dir;

    private final RbacApiServer server = new RbacApiServer();
    private ClusterSession session;
    private SessionTuningBackend backend;

    @BeforeEach
    void start() throws Exception {
        try (KubernetesClient admin = ClusterConnection.fromKubeconfig(server.writeKubeconfig(dir, "admin"), null)) {
            Deployment hello = new DeploymentBuilder().withNewMetadata().withNamespace("demo").withName("hello").endMetadata()
                    .withNewSpec().withReplicas(2).withNewTemplate().withNewSpec().addNewContainer().withName("hello")
                    .withImage("nginx:1.27").endContainer().endSpec().endTemplate().endSpec().build();
            admin.apps().deployments().inNamespace("demo").resource(hello).create();
        }
        server.deny("pirack-demo", "patch", "deployments").deny("pirack-demo", "create", "daemonsets");
        session = ClusterSession.open(new ClusterSession.Kubeconfig(server.writeKubeconfig(dir, "pirack-demo"), null, RackSpec.empty()));
        backend = new SessionTuningBackend(session, () -> null, slot -> Validation.invalid("no SSH in this test"), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        session.close();
        server.close();
    }

    @Test
    void aForbiddenTolerationPatchSaysWhoMayNotPatchWhatWhereAndHowToGrantIt() throws Exception {
        TolerationPatchPlan plan = backend.prepareTolerations("demo/hello", 2);
        ConfigEditException refused = assertThrows(ConfigEditException.class, () -> backend.applyTolerations(plan));
        assertEquals("Forbidden: cannot patch deployments in namespace demo (user pirack-demo) — a cluster admin can grant it"
                + " with kubectl apply -f docs/rbac.yaml, or connect with a kubeconfig that may.", refused.getMessage());
        assertTrue(server.forbiddenAnswers().contains("patch deployments"), "the API server really refused");
    }

    @Test
    void aForbiddenPrePullNamesTheDaemonSetItCouldNotCreateInsteadOfFabric8sRawMessage() {
        ConfigEditException refused = assertThrows(ConfigEditException.class, () -> backend.startPrePull(List.of("nginx:1.27")));
        assertEquals("Forbidden: cannot create daemonsets in namespace default (user pirack-demo) — a cluster admin can grant"
                + " it with kubectl apply -f docs/rbac.yaml, or connect with a kubeconfig that may.", refused.getMessage());
        assertFalse(refused.getMessage().contains("Failure executing"));
    }
}
