package io.pirack.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pirack.core.booth.Spread;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl rollout restart deployment/NAME} through fabric8: sets the pod template's
 * {@code kubectl.kubernetes.io/restartedAt} annotation to the current time in RFC 3339 with the
 * local offset and whole seconds — what kubectl's {@code time.Now().Format(time.RFC3339)} writes —
 * so the Deployment rolls out new pods and the scheduler spreads them over the Pis again. A JSON
 * merge patch (what the embedded API server supports), touching nothing else, sent as one request.
 */
public final class RolloutRestart {

    public static final String ANNOTATION = "kubectl.kubernetes.io/restartedAt";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** What happened to each Deployment, in words. */
    public record Outcome(List<Spread.DeploymentRef> restarted, List<String> problems) {
    }

    private final KubernetesClient client;
    private final Clock clock;

    public RolloutRestart(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The annotation's value for this instant, as kubectl writes it. */
    static String timestamp(ZonedDateTime now) {
        return RFC3339.format(now.truncatedTo(ChronoUnit.SECONDS));
    }

    public Outcome restart(List<Spread.DeploymentRef> deployments) {
        String now = timestamp(ZonedDateTime.now(clock));
        String patch = client.getKubernetesSerialization().asJson(Map.of("spec", Map.of("template",
                Map.of("metadata", Map.of("annotations", Map.of(ANNOTATION, now))))));
        List<Spread.DeploymentRef> restarted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Spread.DeploymentRef d : deployments) {
            // One PATCH naming the Deployment, as kubectl sends it: fabric8's withName(…).patch(…) GETs it first.
            Deployment target = new DeploymentBuilder().withNewMetadata().withNamespace(d.namespace()).withName(d.name())
                    .endMetadata().build();
            try {
                client.resource(target).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
                restarted.add(d);
            } catch (KubernetesClientException e) {
                problems.add(d + ": " + (e.getCode() == 404 ? "not found" : KubeErrors.describe(e)));
            }
        }
        return new Outcome(restarted, problems);
    }
}
