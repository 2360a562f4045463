package io.pirack.sim;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a real kube-apiserver answers that the CRUD mock server does not, so that kubectl and other
 * tools work against the rehearsal rack: {@code /version} and discovery ({@link ApiDiscovery}),
 * field selectors on lists and watches, server-side Tables with ages from the simulated clock
 * ({@link ApiTables}), watches as a streamed HTTP response (kubectl does not use WebSockets), and
 * strategic-merge patches for the simple maps kubectl sends (cordon). Everything else is forwarded
 * to the mock server as it came.
 */
final class ApiServing {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Dispatcher store;
    private final Clock clock;
    private final ApiDiscovery discovery;
    /** One reader per open kubectl watch, waiting for the client to hang up. */
    private final java.util.concurrent.ExecutorService watchReaders =
            java.util.concurrent.Executors.newCachedThreadPool(io.pirack.concurrent.Background.daemon("rehearsal-api-watch"));
    /** Hook for writes that must carry simulated time (graceful deletion); identity by default. */
    private volatile UnaryOperator<ApiFront.Request> rewrite = UnaryOperator.identity();

    ApiServing(Dispatcher store, Clock clock, ApiDiscovery discovery) {
        this.store = store;
        this.clock = clock;
        this.discovery = discovery;
    }

    /** Stops the watch readers (their sockets are closed by the front). */
    void close() {
        watchReaders.shutdownNow();
    }

    void setRewrite(UnaryOperator<ApiFront.Request> rewrite) {
        this.rewrite = rewrite;
    }

    /** Answers one request on {@code out}; false when the connection must close afterwards. */
    boolean answer(ApiFront.Request request, InputStream in, OutputStream out) throws IOException {
        String path = request.path();
        if ("GET".equals(request.method())) {
            String served = discovery.answer(path);
            if (served != null) {
                respond(out, 200, served);
                return true;
            }
            if (path.startsWith("/openapi") || path.equals("/healthz") || path.equals("/readyz") || path.equals("/livez")) {
                if (path.startsWith("/openapi")) {
                    respond(out, 404, status(404, "NotFound", "the rehearsal rack serves no OpenAPI document"));
                } else {
                    respondText(out, 200, "ok");
                }
                return true;
            }
            ApiDiscovery.Resource resource = discovery.resourceOf(path).orElse(null);
            Map<String, String> query = request.query();
            if (resource != null && "true".equals(query.get("watch"))) {
                streamWatch(request, resource, in, out);
                return false;
            }
            if (resource != null) {
                return getWithSelectorsAndTables(request, resource, out);
            }
        }
        ApiFront.Request forwarded = rewrite.apply(request);
        String contentType = forwarded.header("content-type");
        if ("PATCH".equals(forwarded.method()) && contentType.startsWith("application/strategic-merge-patch+json")) {
            // For maps (what cordon and label edits send) a strategic merge patch is a JSON merge patch.
            forwarded = withHeader(forwarded, "content-type", "application/merge-patch+json");
        }
        Answer response = forward(forwarded);
        byte[] body = response.body();
        if ("POST".equals(forwarded.method()) && response.statusCode() / 100 == 2) {
            body = createdAsStored(forwarded.path(), body);
        }
        respond(out, response.statusCode(), response.contentType(), body);
        return true;
    }

    /**
     * The mock answers a create with the object as it was before the store stamped it, so its
     * {@code creationTimestamp} is the host's wall clock; kube-apiserver answers with what it stored.
     * Copies the stored (simulated) timestamp into the answer.
     */
    @SuppressWarnings("unchecked")
    private byte[] createdAsStored(String collection, byte[] created) throws IOException {
        Map<String, Object> object;
        try {
            object = JSON.readValue(created, Map.class);
        } catch (RuntimeException e) {
            return created;
        }
        if (!(object.get("metadata") instanceof Map<?, ?> meta) || !(meta.get("name") instanceof String name)) {
            return created;
        }
        Answer stored = forward(new ApiFront.Request("GET",
                collection + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8), Map.of(), new byte[0]));
        if (stored.statusCode() != 200) {
            return created;
        }
        Map<String, Object> storedObject = JSON.readValue(stored.body(), Map.class);
        if (storedObject.get("metadata") instanceof Map<?, ?> storedMeta && storedMeta.get("creationTimestamp") != null) {
            ((Map<String, Object>) meta).put("creationTimestamp", storedMeta.get("creationTimestamp"));
            return JSON.writeValueAsBytes(object);
        }
        return created;
    }

    private boolean getWithSelectorsAndTables(ApiFront.Request request, ApiDiscovery.Resource resource, OutputStream out)
            throws IOException {
        Map<String, String> query = request.query();
        FieldSelector selector = FieldSelector.parse(query.getOrDefault("fieldSelector", ""));
        query.remove("fieldSelector");
        Answer response = forward(new ApiFront.Request("GET", request.path() + queryString(query),
                request.headers(), new byte[0]));
        if (response.statusCode() != 200) {
            respond(out, response.statusCode(), "application/json", response.body());
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JSON.readValue(response.body(), Map.class);
        if (body.get("items") instanceof List<?> items) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                if (item instanceof Map<?, ?> m && selector.matches(m)) {
                    kept.add(item);
                }
            }
            // etcd's order (namespace, then name), as a real API server lists.
            kept.sort(java.util.Comparator.comparing((Object o) -> FieldSelector.field((Map<?, ?>) o, "metadata.namespace"))
                    .thenComparing(o -> FieldSelector.field((Map<?, ?>) o, "metadata.name")));
            body.put("items", kept);
            // The mock calls every list "List"; typed clients (kubectl describe) decode only a PodList.
            body.put("kind", resource.kind() + "List");
            body.put("apiVersion", resource.groupVersion());
        }
        if (wantsTable(request)) {
            respond(out, 200, JSON.writeValueAsString(ApiTables.table(resource, body, clock.instant(),
                    query.getOrDefault("includeObject", "Metadata"), true)));
        } else {
            respond(out, 200, JSON.writeValueAsString(body));
        }
        return true;
    }

    /** A watch as a real API server streams it: one JSON event per line, chunked, until either side ends. */
    private void streamWatch(ApiFront.Request request, ApiDiscovery.Resource resource, InputStream in, OutputStream out)
            throws IOException {
        Map<String, String> query = request.query();
        FieldSelector selector = FieldSelector.parse(query.getOrDefault("fieldSelector", ""));
        long since = parseLong(query.get("resourceVersion"));
        boolean table = wantsTable(request);
        String includeObject = query.getOrDefault("includeObject", "Metadata");
        Map<String, String> backendQuery = new LinkedHashMap<>(query);
        backendQuery.remove("fieldSelector");
        backendQuery.remove("timeoutSeconds");
        backendQuery.remove("allowWatchBookmarks");
        backendQuery.remove("sendInitialEvents");
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Cache-Control: no-cache, private\r\n\r\n";
        Object lock = new Object();
        synchronized (lock) {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        boolean[] firstTable = {true};
        CompletableFuture<Void> ended = new CompletableFuture<>();
        // The store's watch, served in-process (as FrontWebSocket serves fabric8's): each event it sends becomes
        // one line of the stream. Until session 11 this was a JDK WebSocket to the mock's own Vert.x port: two more
        // threads per event, and in one CI run its writes stalled 30 s at a time (fabric8's VertxMockWebSocket
        // awaitWrite warnings) while a `kubectl wait` went without its events (KubectlOnRehearseTest).
        RecordedRequest recorded = recorded(new ApiFront.Request("GET", request.path() + queryString(backendQuery),
                request.headers(), new byte[0]));
        MockResponse answer;
        try {
            answer = store.dispatch(recorded);
        } catch (RuntimeException e) {
            answer = null;
        }
        WebSocketListener watch = answer == null ? null : answer.getWebSocketListener();
        if (watch == null) {
            synchronized (lock) {
                writeChunk(out, "");
            }
            return;
        }
        WebSocket lines = new WebSocket() {
            @Override
            public RecordedRequest request() {
                return recorded;
            }

            @Override
            public boolean send(String text) {
                try {
                    String line = watchLine(text, resource, selector, since, table, includeObject, firstTable);
                    if (line != null) {
                        synchronized (lock) {
                            writeChunk(out, line + "\n");
                        }
                    }
                    return true;
                } catch (IOException | RuntimeException e) {
                    ended.complete(null);
                    return false;
                }
            }

            @Override
            public boolean send(byte[] bytes) {
                return send(new String(bytes, StandardCharsets.UTF_8));
            }

            @Override
            public boolean close(int code, String reason) {
                ended.complete(null);
                return true;
            }
        };
        watch.onBeforeAccept(lines, answer);
        watch.onOpen(lines, answer);
        // The client never sends anything on a watch: a read returns only when it hangs up (or the front is cut).
        watchReaders.execute(() -> {
            try {
                while (in.read() >= 0) {
                    // ignore
                }
            } catch (IOException e) {
                // gone
            }
            ended.complete(null);
        });
        long timeout = parseLong(query.get("timeoutSeconds"));
        try {
            if (timeout > 0) {
                ended.get(timeout, TimeUnit.SECONDS);
            } else {
                ended.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the watch's time is up: end it as the API server does
        }
        // The store stops sending to this watch (and drops it) before the stream's last chunk.
        watch.onClosed(lines, 1000, "watch ended");
        synchronized (lock) {
            try {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // client gone
            }
        }
    }

    @SuppressWarnings("unchecked")
    private String watchLine(String text, ApiDiscovery.Resource resource, FieldSelector selector, long since,
                             boolean table, String includeObject, boolean[] firstTable) {
        Map<String, Object> event = JSON.readValue(text, Map.class);
        Object object = event.get("object");
        if (!(object instanceof Map<?, ?> obj) || !selector.matches(obj)) {
            return null;
        }
        String type = String.valueOf(event.get("type"));
        Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) obj).get("metadata");
        long version = metadata == null ? 0 : parseLong(String.valueOf(metadata.get("resourceVersion")));
        if ("ADDED".equals(type) && since > 0 && version <= since) {
            // The mock replays the whole store on every watch; a real watch starts after resourceVersion.
            return null;
        }
        if (table) {
            Map<String, Object> one = ApiTables.table(resource, Map.of("items", List.of(obj)), clock.instant(), includeObject,
                    firstTable[0]);
            firstTable[0] = false;
            event = new LinkedHashMap<>(event);
            event.put("object", one);
        }
        return JSON.writeValueAsString(event);
    }

    private static boolean wantsTable(ApiFront.Request request) {
        return request.header("accept").contains("as=Table");
    }

    /** The store's answer: status, content type and body. */
    record Answer(int statusCode, String contentType, byte[] body) {
    }

    /**
     * Hands a request to the store's dispatcher on this thread, as the mock's own HTTP server would on its
     * event loop. Until session 11 it went over a second loopback HTTP hop to that server (a JDK HttpClient,
     * its selector and worker, Vert.x's event loop): four thread hand-offs on every write's way in and out.
     */
    Answer forward(ApiFront.Request request) {
        MockResponse response;
        try {
            response = store.dispatch(recorded(request));
        } catch (IllegalArgumentException e) {
            return new Answer(405, "application/json", status(405, "MethodNotAllowed", "method " + request.method()
                    + " is not supported").getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // The mock's server left such a request unanswered (the exception stayed on its event loop).
            return new Answer(500, "application/json", status(500, "InternalError", String.valueOf(e.getMessage()))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return answerOf(response);
    }

    private static Answer answerOf(MockResponse response) {
        String type = response.header("Content-Type");
        byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes();
        return new Answer(response.code(), type == null ? "application/json" : type, body);
    }

    private static RecordedRequest recorded(ApiFront.Request request) {
        Headers.Builder headers = Headers.builder();
        String contentType = request.header("content-type");
        if (!contentType.isEmpty()) {
            headers.add("Content-Type", contentType);
        }
        headers.add("Accept", "application/json");
        return new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(request.method()), request.target(), headers.build(),
                new Buffer(request.body()));
    }

    /**
     * A WebSocket upgrade (fabric8's watches): the store's watch is served on this connection until it
     * closes ({@link FrontWebSocket}); a request the store answers without a WebSocket gets that answer.
     */
    void webSocket(java.net.Socket client, InputStream in, OutputStream out, ApiFront.Request request) throws IOException {
        RecordedRequest recorded;
        MockResponse response;
        try {
            recorded = recorded(request);
            response = store.dispatch(recorded);
        } catch (RuntimeException e) {
            respond(out, 500, status(500, "InternalError", String.valueOf(e.getMessage())));
            out.flush();
            return;
        }
        if (response.getWebSocketListener() == null) {
            Answer answer = answerOf(response);
            respond(out, answer.statusCode(), answer.contentType(), answer.body());
            out.flush();
            return;
        }
        FrontWebSocket.serve(client, in, out, recorded, request.header("sec-websocket-key"),
                request.header("sec-websocket-protocol"), response);
    }

    private static ApiFront.Request withHeader(ApiFront.Request request, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put(name, value);
        return new ApiFront.Request(request.method(), request.target(), headers, request.body());
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        query.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    static long parseLong(String text) {
        try {
            return text == null || text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String status(int code, String reason, String message) {
        return JSON.writeValueAsString(Map.of("kind", "Status", "apiVersion", "v1", "metadata", Map.of(),
                "status", "Failure", "message", message, "reason", reason, "code", code));
    }

    private static void respond(OutputStream out, int code, String json) throws IOException {
        respond(out, code, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void respondText(OutputStream out, int code, String text) throws IOException {
        respond(out, code, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(OutputStream out, int code, String contentType, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + code + " " + reasonPhrase(code) + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\nCache-Control: no-cache, private\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }

    private static void writeChunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return;
        }
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String reasonPhrase(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            default -> code >= 500 ? "Server Error" : "Status";
        };
    }
}
