package io.pirack.tuning;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * The embedded API server in CRUD mode (what {@code @EnableKubernetesMockClient(crud = true)} builds),
 * on plain HTTP over loopback. The single-argument {@code KubernetesMockServer(boolean)} means
 * "use HTTPS", not CRUD.
 */
public final class CrudApiServer implements AutoCloseable {

    private final KubernetesMockServer server;
    public final KubernetesClient client;

    public CrudApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
    }

    /** How many requests the server has received since it started. */
    public int requests() {
        return server.getRequestCount();
    }

    /** A kubeconfig file pointing at this server, for code that only takes kubeconfigs (the CLI). */
    public java.nio.file.Path writeKubeconfig(java.nio.file.Path dir) throws java.io.IOException {
        String url = client.getMasterUrl().toString();
        return java.nio.file.Files.writeString(dir.resolve("kubeconfig"), String.join("\n",
                "apiVersion: v1", "kind: Config", "current-context: crud",
                "clusters:", "- name: crud", "  cluster:", "    server: " + url,
                "contexts:", "- name: crud", "  context:", "    cluster: crud", "    user: crud",
                "users:", "- name: crud", "  user:", "    token: test", ""));
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
