package io.pirack.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pirack.core.cluster.Forbidden;
import java.net.HttpURLConnection;
import java.util.Optional;

/** A fabric8 failure in words; a 403 becomes the {@link Forbidden} sentence with the verb and resource. */
public final class KubeErrors {

    private KubeErrors() {
    }

    /** The API server's 403 anywhere in the cause chain, if there is one. */
    public static Optional<Forbidden> forbidden(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
                String message = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage();
                return Optional.of(Forbidden.of(message, null, k.getResourcePlural(), k.getNamespace()));
            }
        }
        return Optional.empty();
    }

    /** One sentence: the forbidden sentence for a 403, else the innermost message. */
    public static String describe(Throwable error) {
        return forbidden(error).map(Forbidden::sentence).orElseGet(() -> ClusterWatcher.describe(error));
    }
}
