package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.VertxMockWebSocket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A client of the store's own port (the rack's kubelets and controllers) hangs up a watch while an event
 * is on its way to it. The mock's server tells the watch on the connection's Vert.x event loop, and the
 * event's frame can only be written on that loop: the loop must not wait for the write (until session 12
 * it did, for the write's 30 s time-out, and served no other connection meanwhile).
 *
 * <p>The connection is Vert.x's own event loop and fabric8's own {@link VertxMockWebSocket}; only the
 * network is left out: the socket writes a frame as Vert.x does when the sender is not on the loop (the
 * write completes in a task on the connection's loop).
 */
class WatchEndOffLoopTest {

    @Test
    void aWatchThatEndsWithAnEventOnItsWayDoesNotHoldTheEventLoopForTheEventsWrite() throws Exception {
        List<String> happened = Collections.synchronizedList(new ArrayList<>());
        Logger socketLog = Logger.getLogger(VertxMockWebSocket.class.getName());
        Handler gaveUp = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    happened.add("the event's write gave up");
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        socketLog.addHandler(gaveUp);
        Vertx vertx = Vertx.vertx();
        try {
            Context loop = vertx.getOrCreateContext();
            SimStore store = new SimStore(Clock.systemUTC());
            MockResponse answer = store.handleGet("/api/v1/pods?watch=true");
            WebSocketListener watch = answer.getWebSocketListener();
            VertxMockWebSocket socket = new VertxMockWebSocket(request(HttpMethod.GET, "/api/v1/pods?watch=true", ""),
                    frameWrittenOn(loop));
            onLoop(loop, () -> {
                watch.onBeforeAccept(socket, answer);
                watch.onOpen(socket, answer);
            });

            // One task on the loop: a pod is stored (its ADDED event goes to the watch's sender) and the client hangs up.
            loop.runOnContext(v -> {
                store.handleCreate(request(HttpMethod.POST, "/api/v1/namespaces/demo/pods",
                        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p1\",\"namespace\":\"demo\"}}"));
                watch.onClosed(socket, 1000, "watch closed by the client");
            });
            // The loop's next task: another connection's request.
            CompletableFuture<Void> served = new CompletableFuture<>();
            loop.runOnContext(v -> {
                happened.add("the next request on the loop served");
                served.complete(null);
            });
            served.get(2, TimeUnit.MINUTES); // a safety net only: the order below is the assertion

            assertEquals(List.of("the next request on the loop served"), happened,
                    "the event loop serves its next request while the ended watch's last event is written");
        } finally {
            socketLog.removeHandler(gaveUp);
            vertx.close().await();
        }
    }

    /** A server WebSocket whose text frames are written by a task on {@code loop}, as Vert.x's are from another thread. */
    private static ServerWebSocket frameWrittenOn(Context loop) {
        return (ServerWebSocket) Proxy.newProxyInstance(ServerWebSocket.class.getClassLoader(), new Class<?>[] {ServerWebSocket.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "writeTextMessage" -> {
                        Promise<Void> written = Promise.promise();
                        loop.runOnContext(v -> written.complete());
                        yield written.future();
                    }
                    case "close" -> Future.succeededFuture();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ServerWebSocket on " + loop;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void onLoop(Context loop, Runnable task) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(1, TimeUnit.MINUTES);
    }

    private static RecordedRequest request(HttpMethod method, String path, String body) {
        return new RecordedRequest("HTTP/1.1", method, path, Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }
}
