package io.pirack.sim;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;

/** The rehearsal rack's object store alone on a loopback port, with a client: for tests of what the store answers. */
final class SimStoreServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    SimStoreServer() {
        this(new SimStore(Clock.systemUTC()));
    }

    SimStoreServer(SimStore store) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), store, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    /** The store's plain HTTP address, e.g. {@code http://127.0.0.1:PORT}. */
    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** How many requests the store has received since it started. */
    int requests() {
        return server.getRequestCount();
    }

    KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // As RehearsalRack.close: Vert.x gives up waiting (10 s) for watch connections the informers are still
            // closing; the port is released either way.
        }
    }
}
