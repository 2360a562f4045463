package io.pirack.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.pirack.concurrent.Background;
import io.pirack.core.cluster.ApiHealth;
import io.pirack.core.cluster.TimeText;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;

/**
 * The API health check's requests ({@code GET /version}, any answer counts) and their answers, told
 * to {@link ApiHealth}. A check is sent every {@link #EVERY} even while earlier ones wait — one stuck
 * on a dropped connection must not hide the answers of the next — at most {@link #MAX_IN_FLIGHT}; none
 * while the API delivers something on its own more often than that ({@link #heard}).
 *
 * <p>Quiet idle (issue 20): each check is one blocking HTTP/1.1 request on a small fixed pool of this
 * check's own, through the JDK's {@link HttpURLConnection} on a kept-alive connection. The JDK's
 * {@code java.net.http} client (what fabric8 sends with) cost ~2 ms of CPU a check at rest — half on
 * its selector thread, half in the waiting check's thread — four times a second; the blocking client
 * needs no selector and costs ~0.7 ms (docs/benchmarks.md, session 9). The TLS context (client
 * certificate, trusted CA) and the proxy still come from fabric8's configuration of the connection.
 */
final class EndpointCheck implements AutoCloseable {

    /**
     * How often the endpoint is checked; with {@link ApiHealth#DEFAULT_THRESHOLD} an outage shows within ~2 s.
     * 300 ms is what the checks' rate was when a 100 ms tick sent one once 250 ms had passed (issue 20).
     */
    static final Duration EVERY = Duration.ofMillis(300);
    /** A check without an answer after this long counts as failed. */
    static final Duration TIMEOUT = Duration.ofMillis(1500);
    /** A stalled endpoint does not pile up requests beyond this. */
    static final int MAX_IN_FLIGHT = 6;

    /** One request to the endpoint, waiting for its answer; returns on any answer, throws on none. */
    interface Endpoint {
        void ask() throws IOException, InterruptedException;
    }

    private final Endpoint endpoint;
    private final ExecutorService pool;
    private final ApiHealth health;
    private final Runnable release;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;
    /** When the last check was sent (the caller's thread only). */
    private Instant lastSent;
    /** When the newest check that got an answer was sent, or the API was last {@link #heard} from. */
    private volatile Instant lastAnswered;
    /** When the API was last {@link #heard} from outside the checks. */
    private volatile Instant lastHeard;

    /**
     * @param pool    where checks wait for their answers: needs {@link #MAX_IN_FLIGHT} threads
     * @param release frees what the endpoint holds, on {@link #close}
     */
    EndpointCheck(Endpoint endpoint, ExecutorService pool, ApiHealth health, Runnable release) {
        this.endpoint = endpoint;
        this.pool = pool;
        this.health = health;
        this.release = release;
    }

    /**
     * The check of a cluster's API server: the TLS context and proxy fabric8 configures from the
     * connection's {@link Config}, on a blocking JDK client of its own, without fabric8's retries.
     */
    static EndpointCheck of(Config config, ApiHealth health) {
        KeptClientFactory factory = new KeptClientFactory();
        factory.newBuilder(config).build();
        URI uri = URI.create(config.getMasterUrl().replaceAll("/$", "") + "/version");
        Blocking blocking = new Blocking(uri, factory.sslContext, factory.proxy);
        return new EndpointCheck(blocking::ask, pool(Background.daemon("cluster-health-check")), health, () -> { });
    }

    /**
     * One {@code GET} with the JDK's blocking client: the connection is kept alive between checks (the
     * answer is read to its end and closed), a read or connect taking longer than {@link #TIMEOUT} fails it.
     */
    private static final class Blocking {
        private final URL url;
        private final Proxy proxy;
        /** One factory for every check: the JDK's keep-alive cache matches a connection by it. */
        private final SSLSocketFactory sockets;

        Blocking(URI uri, SSLContext tls, ProxySelector proxies) {
            try {
                this.url = uri.toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException("not an API server address: " + uri, e);
            }
            List<Proxy> chosen = proxies == null ? List.of() : proxies.select(uri);
            this.proxy = chosen.isEmpty() ? null : chosen.get(0);
            this.sockets = tls == null ? null : tls.getSocketFactory();
        }

        void ask() throws IOException {
            HttpURLConnection connection = (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxy));
            if (sockets != null && connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(sockets);
            }
            int millis = (int) TIMEOUT.toMillis();
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            int status = connection.getResponseCode();
            // Any status is an answer; read the body to its end so the connection serves the next check.
            try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (body != null) {
                    body.transferTo(java.io.OutputStream.nullOutputStream());
                }
            } catch (IOException cutShort) {
                connection.disconnect();
            }
        }
    }

    /** A fixed pool of {@link #MAX_IN_FLIGHT} threads, started as checks need them and kept. */
    static ExecutorService pool(ThreadFactory threads) {
        return java.util.concurrent.Executors.newFixedThreadPool(MAX_IN_FLIGHT, threads);
    }

    /**
     * Sends a check if the last one went out, and the API was last {@link #heard} from, {@link #EVERY} or longer
     * before {@code now}. One caller thread.
     */
    void sendIfDue(Instant now) {
        if (now.isBefore(due())) {
            return;
        }
        if (closed || inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            return;
        }
        lastSent = now;
        try {
            pool.execute(() -> {
                try {
                    endpoint.ask();
                    health.answered(now);
                    answeredAt(now);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException | RuntimeException e) {
                    health.failed(now, failure(e));
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
        }
    }

    /**
     * When the next check is due: {@link #EVERY} after the last one was sent or the API was last {@link #heard}
     * from, whichever is later (now, before the first check); the caller's thread only.
     */
    Instant due() {
        if (lastSent == null) {
            return Instant.MIN;
        }
        Instant heard = lastHeard;
        return (heard != null && heard.isAfter(lastSent) ? heard : lastSent).plus(EVERY);
    }

    /**
     * The API server delivered something at {@code at} without being asked by a check (an informer's watch
     * brought an object): it answered, so this counts as a check sent and answered then, and the next check
     * waits {@link #EVERY} from it (issue 20: while objects come more often than that — pod churn, a busy
     * cluster — no check goes out; at rest, with heartbeats in bursts, fewer do). An outage is still flagged
     * {@link ApiHealth#threshold} after the newest evidence; the evidence is a little younger than the server's
     * sending (by the client's dispatch of the event, milliseconds), where a check's answer counts from its
     * send. Any thread.
     */
    synchronized void heard(Instant at) {
        if (closed) {
            return;
        }
        health.answered(at);
        answeredAt(at);
        if (lastHeard == null || at.isAfter(lastHeard)) {
            lastHeard = at;
        }
    }

    /** When the newest answered check was sent (or the API last {@link #heard} from), or null before the first answer. */
    Instant lastAnswered() {
        return lastAnswered;
    }

    private synchronized void answeredAt(Instant sentAt) {
        if (lastAnswered == null || sentAt.isAfter(lastAnswered)) {
            lastAnswered = sentAt;
        }
    }

    /** The reason an outage banner shows, in words rather than an exception's class name. */
    static String failure(Throwable error) {
        Throwable root = ClusterWatcher.root(error);
        if (root instanceof java.util.concurrent.TimeoutException || root instanceof java.net.SocketTimeoutException) {
            return "no answer within " + TimeText.age(TIMEOUT);
        }
        if (root instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (root instanceof java.io.EOFException || root instanceof java.net.SocketException closed
                && closed.getMessage() != null && (closed.getMessage().startsWith("Unexpected end of file")
                        || closed.getMessage().startsWith("Connection reset"))) {
            return "connection closed by the server";
        }
        return ClusterWatcher.describe(error);
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        release.run();
    }

    /**
     * fabric8's JDK client factory, keeping the TLS context and proxy fabric8 configures (through its
     * {@code createNewHttpClientBuilder} hook) and building no client: the check sends with
     * {@link Blocking}. fabric8's wrapper of the client it asked for is dropped unused.
     */
    private static final class KeptClientFactory extends JdkHttpClientFactory {
        private SSLContext sslContext;
        private ProxySelector proxy;

        @Override
        protected HttpClient.Builder createNewHttpClientBuilder() {
            return new Keeping();
        }

        /** Keeps the settings the check uses; the others (redirects, HTTP version, executor) do not apply. */
        private final class Keeping implements HttpClient.Builder {

            @Override
            public HttpClient.Builder cookieHandler(java.net.CookieHandler cookieHandler) {
                return this;
            }

            @Override
            public HttpClient.Builder connectTimeout(Duration duration) {
                return this;
            }

            @Override
            public HttpClient.Builder sslContext(SSLContext context) {
                sslContext = context;
                return this;
            }

            @Override
            public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
                return this;
            }

            @Override
            public HttpClient.Builder executor(java.util.concurrent.Executor executor) {
                return this;
            }

            @Override
            public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
                return this;
            }

            @Override
            public HttpClient.Builder version(HttpClient.Version version) {
                return this;
            }

            @Override
            public HttpClient.Builder priority(int priority) {
                return this;
            }

            @Override
            public HttpClient.Builder proxy(ProxySelector proxySelector) {
                proxy = proxySelector;
                return this;
            }

            @Override
            public HttpClient.Builder authenticator(java.net.Authenticator authenticator) {
                return this;
            }

            /** No client: nothing sends through it (fabric8's wrapper accepts none and closes it as a no-op). */
            @Override
            public HttpClient build() {
                return null;
            }
        }
    }
}
