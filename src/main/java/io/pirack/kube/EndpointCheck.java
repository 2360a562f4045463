package io.pirack.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.pirack.concurrent.Background;
import io.pirack.core.cluster.ApiHealth;
import io.pirack.core.cluster.TimeText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The API health check's requests ({@code GET /version}, any answer counts) and their answers, told
 * to {@link ApiHealth}. A check is sent every {@link #EVERY} even while earlier ones wait — one stuck
 * on a dropped connection must not hide the answers of the next — at most {@link #MAX_IN_FLIGHT}.
 *
 * <p>Quiet idle (issue 20): each check is one synchronous request on a small fixed pool of this
 * check's own. The JDK client's {@code sendAsync} — the only way fabric8 8.0 sends — hands every
 * answer to {@code CompletableFuture}'s default executor (whatever executor the client was given),
 * which on a 2-core machine starts a thread per task: 4 threads a second at rest. A synchronous
 * {@code send} completes on the client's own (pooled) threads instead.
 */
final class EndpointCheck implements AutoCloseable {

    /** How often the endpoint is checked; with {@link ApiHealth#DEFAULT_THRESHOLD} an outage shows within ~2 s. */
    static final Duration EVERY = Duration.ofMillis(250);
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
     * The check of a cluster's API server: a JDK HTTP client of its own, configured by fabric8 from
     * the connection's {@link Config} (TLS, proxy, connect timeout), without fabric8's retries.
     */
    static EndpointCheck of(Config config, ApiHealth health) {
        KeptClientFactory factory = new KeptClientFactory();
        io.fabric8.kubernetes.client.http.HttpClient fabric8 = factory.newBuilder(config).build();
        HttpClient jdk = factory.kept;
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.getMasterUrl().replaceAll("/$", "") + "/version"))
                .timeout(TIMEOUT).GET().build();
        return new EndpointCheck(() -> jdk.send(request, HttpResponse.BodyHandlers.discarding()),
                pool(Background.daemon("cluster-health-check")), health, fabric8::close);
    }

    /** A fixed pool of {@link #MAX_IN_FLIGHT} threads, started as checks need them and kept. */
    static ExecutorService pool(ThreadFactory threads) {
        return java.util.concurrent.Executors.newFixedThreadPool(MAX_IN_FLIGHT, threads);
    }

    /** Sends a check if the last one went out {@link #EVERY} or longer before {@code now}. One caller thread. */
    void sendIfDue(Instant now) {
        if (lastSent != null && Duration.between(lastSent, now).compareTo(EVERY) < 0) {
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

    /** The reason an outage banner shows, in words rather than an exception's class name. */
    static String failure(Throwable error) {
        Throwable root = ClusterWatcher.root(error);
        if (root instanceof java.util.concurrent.TimeoutException || root instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + TimeText.age(TIMEOUT);
        }
        if (root instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (root instanceof java.nio.channels.ClosedChannelException || root instanceof java.io.EOFException) {
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
     * fabric8's JDK client factory, keeping the JDK client it builds (through its
     * {@code createNewHttpClientBuilder} hook) so the check can send on it synchronously.
     */
    private static final class KeptClientFactory extends JdkHttpClientFactory {
        private volatile HttpClient kept;

        /**
         * A JDK client builder without fabric8's executor (a cached pool): the client's selector thread
         * completes an answer — a discarded body, no user code — straight to the check's waiting
         * thread, so each check wakes three threads (ticker, check, selector) instead of four.
         */
        @Override
        protected HttpClient.Builder createNewHttpClientBuilder() {
            return new Keeping(HttpClient.newBuilder().executor(Runnable::run));
        }

        /** Passes every setting on; keeps what {@link #build} builds. */
        private final class Keeping implements HttpClient.Builder {
            private final HttpClient.Builder builder;

            Keeping(HttpClient.Builder builder) {
                this.builder = builder;
            }

            @Override
            public HttpClient.Builder cookieHandler(java.net.CookieHandler cookieHandler) {
                builder.cookieHandler(cookieHandler);
                return this;
            }

            @Override
            public HttpClient.Builder connectTimeout(Duration duration) {
                builder.connectTimeout(duration);
                return this;
            }

            @Override
            public HttpClient.Builder sslContext(SSLContext sslContext) {
                builder.sslContext(sslContext);
                return this;
            }

            @Override
            public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
                builder.sslParameters(sslParameters);
                return this;
            }

            @Override
            public HttpClient.Builder executor(java.util.concurrent.Executor executor) {
                builder.executor(executor);
                return this;
            }

            @Override
            public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
                builder.followRedirects(policy);
                return this;
            }

            @Override
            public HttpClient.Builder version(HttpClient.Version version) {
                builder.version(version);
                return this;
            }

            @Override
            public HttpClient.Builder priority(int priority) {
                builder.priority(priority);
                return this;
            }

            @Override
            public HttpClient.Builder proxy(java.net.ProxySelector proxySelector) {
                builder.proxy(proxySelector);
                return this;
            }

            @Override
            public HttpClient.Builder authenticator(java.net.Authenticator authenticator) {
                builder.authenticator(authenticator);
                return this;
            }

            @Override
            public HttpClient build() {
                kept = builder.build();
                return kept;
            }
        }
    }
}
