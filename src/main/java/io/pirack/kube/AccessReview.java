package io.pirack.kube;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pirack.core.cluster.ApiPermission;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the API server, once per permission, whether the kubeconfig's identity may do it
 * (SelfSubjectAccessReview, which every identity may create: {@code kubectl auth can-i} does the same).
 */
public final class AccessReview {

    private AccessReview() {
    }

    public static List<ApiPermission.Check> check(KubernetesClient client, List<ApiPermission> permissions) {
        List<ApiPermission.Check> checks = new ArrayList<>();
        for (ApiPermission p : permissions) {
            SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                    .withResourceAttributes(new ResourceAttributesBuilder().withVerb(p.verb()).withGroup(p.group())
                            .withResource(p.resource()).withSubresource(p.subresource().isEmpty() ? null : p.subresource())
                            .withNamespace(p.namespace().isEmpty() ? null : p.namespace()).build())
                    .endSpec().build();
            try {
                SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
                Boolean allowed = answer.getStatus() == null ? null : answer.getStatus().getAllowed();
                String reason = answer.getStatus() == null || answer.getStatus().getReason() == null ? "" : answer.getStatus().getReason();
                checks.add(new ApiPermission.Check(p, allowed, reason));
            } catch (KubernetesClientException e) {
                checks.add(new ApiPermission.Check(p, null, KubeErrors.describe(e)));
            }
        }
        return checks;
    }
}
