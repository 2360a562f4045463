package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The front serves fabric8's watches (WebSockets) and every request itself, in-process, with nothing
 * between the client's connection and the store (issue 20): what a client of the rehearsal rack sees of it.
 */
class ApiFrontWebSocketTest {

    private static final long TIMEOUT_S = 60; // a safety net for a loaded machine

    @Test
    void webSocketAcceptKeyIsTheOneRfc6455Gives() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", FrontWebSocket.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void aWatchThroughTheFrontSeesAWriteAnswersAPingAndIsCutWhenTheControlPlanePiIsUnplugged() throws Exception {
        try (RehearsalRack rack = RehearsalRack.start(RackSpec.rehearsal(2), SimTimings.demoTuned(), SimClock.realTime(1));
             KubernetesClient client = ClusterConnection.forUrl(rack.apiUrl())) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            CompletableFuture<Void> ponged = new CompletableFuture<>();
            CompletableFuture<Void> ended = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(rack.apiUrl().replaceFirst("^http", "ws") + "api/v1/nodes?watch=true"),
                            new WebSocket.Listener() {
                                private final StringBuilder text = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                    text.append(data);
                                    if (last) {
                                        events.add(text.toString());
                                        text.setLength(0);
                                    }
                                    w.request(1);
                                    return null;
                                }

                                @Override
                                public CompletionStage<?> onPong(WebSocket w, ByteBuffer message) {
                                    ponged.complete(null);
                                    w.request(1);
                                    return null;
                                }

                                @Override
                                public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                                    ended.complete(null);
                                    return null;
                                }

                                @Override
                                public void onError(WebSocket w, Throwable error) {
                                    ended.complete(null);
                                }
                            }).get(TIMEOUT_S, TimeUnit.SECONDS);
            String node = rack.spec().slots().get(1).hostname();
            client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON),
                    "[{\"op\":\"add\",\"path\":\"/spec/unschedulable\",\"value\":true}]");
            String seen = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (seen == null && System.nanoTime() < deadline) {
                String event = events.poll(1, TimeUnit.SECONDS);
                if (event != null && event.contains("\"MODIFIED\"") && event.contains("\"unschedulable\":true")) {
                    seen = event;
                }
            }
            assertNotNull(seen, "the cordon reaches a watch opened through the front");

            ws.sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3})).get(TIMEOUT_S, TimeUnit.SECONDS);
            ponged.get(TIMEOUT_S, TimeUnit.SECONDS);

            rack.unplug(rack.controlPlaneNode());
            ended.get(TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(ended.isDone(), "the watch ends with the API, as a real server's connection does");
        }
    }

    @Test
    void aCreateTheStoreCannotReadIsAnsweredNotLeftWaiting() throws Exception {
        try (RehearsalRack rack = RehearsalRack.start(RackSpec.rehearsal(2), SimTimings.demoTuned(), SimClock.realTime(1))) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(rack.apiUrl() + "api/v1/namespaces/default/pods"))
                    .timeout(Duration.ofSeconds(TIMEOUT_S))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() >= 400, "an error status, got " + answer.statusCode() + " " + answer.body());
            assertTrue(answer.body().contains("\"kind\":\"Status\""), answer.body());
        }
    }
}
