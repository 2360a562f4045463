package io.pirack.sim;

import io.pirack.concurrent.Background;
import io.pirack.trace.HopTrace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rehearsal rack's API endpoint as clients see it: a small HTTP/1.1 front on the address and
 * port clients use, in front of the CRUD mock server that holds the objects (on its own loopback
 * port). It exists for two reasons. It can be switched off like a dead host — the listening socket
 * closes (connections refused) and every open connection, watches included, is cut — while the
 * objects stay in the store behind it; and it makes the mock server look like a real API server to
 * kubectl ({@link ApiServing}: discovery, field selectors, Tables, streaming HTTP watches).
 *
 * <p>Requests the front does not answer itself go to the mock's dispatcher on the connection's own thread,
 * and WebSocket upgrades (fabric8's watches) are served on the connection ({@link FrontWebSocket}): a
 * write and the watch events it causes cross no other thread of this JVM (issue 20). The mock's own
 * HTTP server still serves the rack's simulated kubelets and controllers on its loopback port.
 */
final class ApiFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFront.class);
    private static final int MAX_HEAD = 64 * 1024;

    private final InetAddress address;
    private final ApiServing serving;
    private final ExecutorService threads = Executors.newCachedThreadPool(Background.daemon("rehearsal-api"));
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile int port;

    ApiFront(InetAddress address, int port, ApiServing serving) {
        this.address = address;
        this.port = port;
        this.serving = serving;
    }

    /** Starts (or restarts, on the same port) accepting connections. */
    synchronized void up() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 64);
        port = socket.getLocalPort();
        listener = socket;
        threads.execute(() -> accept(socket));
    }

    /** Like pulling the host's plug: no new connection is accepted and every open one is cut. */
    synchronized void down() {
        ServerSocket socket = listener;
        listener = null;
        if (socket != null) {
            closeQuietly(socket);
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    boolean isUp() {
        return listener != null;
    }

    int port() {
        return port;
    }

    InetAddress address() {
        return address;
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                // A connection accepted just before down() ran must not outlive it: down() cuts only what is in
                // `open`, so register under the same lock and refuse once this listener is no longer the one.
                synchronized (this) {
                    if (listener != socket) {
                        closeQuietly(client);
                        return;
                    }
                    open.add(client);
                }
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("rehearsal API accept failed: {}", e.toString());
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new java.io.BufferedInputStream(client.getInputStream());
            OutputStream out = new java.io.BufferedOutputStream(client.getOutputStream());
            while (true) {
                Request request = readRequest(in);
                if (request == null) {
                    return;
                }
                HopTrace.stamp("front.read", request.method + " " + request.target);
                if ("websocket".equalsIgnoreCase(request.headers.getOrDefault("upgrade", ""))) {
                    serving.webSocket(client, in, out, request);
                    return;
                }
                boolean keepOpen = serving.answer(request, in, out);
                out.flush();
                HopTrace.stamp("front.answered", request.method + " " + request.target);
                if (!keepOpen || "close".equalsIgnoreCase(request.headers.getOrDefault("connection", ""))) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.trace("rehearsal API connection ended: {}", e.toString());
        } finally {
            open.remove(client);
        }
    }

    /** One HTTP/1.1 request as read off the wire. Header names are lower case. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        Map<String, String> query() {
            Map<String, String> query = new LinkedHashMap<>();
            int q = target.indexOf('?');
            if (q < 0) {
                return query;
            }
            for (String part : target.substring(q + 1).split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String key = java.net.URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(key, value);
            }
            return query;
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    static Request readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length < 3) {
            throw new IOException("bad request line: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            total += line.length();
            if (total > MAX_HEAD) {
                throw new IOException("request head too large");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + "," + b);
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = readChunked(in);
            headers.remove("transfer-encoding");
            headers.put("content-length", String.valueOf(body.length));
        } else {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            body = in.readNBytes(length);
        }
        return new Request(parts[0], parts[1], headers, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            if (size == null) {
                throw new IOException("truncated chunked body");
            }
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                String trailer;
                while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
            if (line.size() > MAX_HEAD) {
                throw new IOException("line too long");
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        down();
        threads.shutdownNow();
        serving.close();
    }

    static boolean isConnectionError(IOException e) {
        return e instanceof SocketException;
    }
}
