package io.pirack.plug;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.validate.Validation;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real power off for a Turing Pi 2 node through the BMC's HTTP API:
 * {@code GET /api/bmc?opt=set&type=power&node<N>=0|1} to switch, {@code opt=get&type=power} to read
 * (answers {@code {"response":[{"node1":1,…}]}}), authenticated with {@code Authorization: Bearer <token>}.
 * The token is asked for on every request and never logged.
 */
public final class TuringPiStrategy implements PlugStrategy {

    private static final int NODES = 4;

    private final HttpClient http;
    private final URI baseUrl;
    private final Supplier<String> token;
    private final Duration timeout;

    /**
     * @param http    for the BMC's self-signed certificate, build it with an {@code SSLContext} trusting it
     * @param baseUrl from {@link #parseBaseUrl}
     */
    public TuringPiStrategy(HttpClient http, URI baseUrl, Supplier<String> token, Duration timeout) {
        this.http = Objects.requireNonNull(http);
        this.baseUrl = Objects.requireNonNull(baseUrl);
        this.token = Objects.requireNonNull(token);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** The rack's {@code turingPiUrl}: http(s), a host, optionally a port, nothing else. */
    public static Validation<URI> parseBaseUrl(String text) {
        try {
            URI uri = new URI(text == null ? "" : text.trim());
            boolean bare = (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null;
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null && bare) {
                return Validation.valid(new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null));
            }
        } catch (URISyntaxException e) {
            // falls through to the message below
        }
        return Validation.invalid("Turing Pi BMC address '" + text + "' must look like https://turingpi.local");
    }

    @Override
    public PlugMethod method() {
        return PlugMethod.TURING_PI;
    }

    @Override
    public String describe(PiSlot slot) {
        return "Switches off node " + slot.turingPiNode() + " of the Turing Pi 2 board (BMC at " + baseUrl.getHost()
                + "), cutting " + slot.hostname() + "'s power. It stays off until PiRack switches it on again.";
    }

    @Override
    public Availability availability(PiSlot slot) {
        return validNode(slot) ? Availability.AVAILABLE
                : Availability.unavailable(slot.hostname() + " needs a Turing Pi node number from 1 to " + NODES);
    }

    private static boolean validNode(PiSlot slot) {
        return slot.turingPiNode() >= 1 && slot.turingPiNode() <= NODES;
    }

    private int node(PiSlot slot) throws PlugException {
        if (!validNode(slot)) {
            throw new PlugException("Refused: " + availability(slot).reason() + ".");
        }
        return slot.turingPiNode();
    }

    @Override
    public PullResult pull(PiSlot slot) throws PlugException {
        int node = node(slot);
        expectOk(get("opt=set&type=power&node" + node + "=0", slot), slot);
        return new PullResult(null, "Turing Pi node " + node + " powered off");
    }

    @Override
    public void restore(PiSlot slot) throws PlugException {
        expectOk(get("opt=set&type=power&node" + node(slot) + "=1", slot), slot);
    }

    @Override
    public PlugStatus status(PiSlot slot) throws PlugException {
        int node = node(slot);
        JsonNode power = get("opt=get&type=power", slot).path("response").path(0).path("node" + node);
        if (!power.isNumber()) {
            throw new PlugException("The Turing Pi BMC did not report the power of node " + node + ".");
        }
        boolean off = power.intValue() == 0;
        return new PlugStatus(off, false, "Turing Pi node " + node + (off ? " off" : " on"));
    }

    private static void expectOk(JsonNode answer, PiSlot slot) throws PlugException {
        String result = answer.path("response").path(0).path("result").asString("");
        if (!"ok".equalsIgnoreCase(result)) {
            throw new PlugException("The Turing Pi BMC did not switch " + slot.hostname() + ": " + answer);
        }
    }

    private JsonNode get(String query, PiSlot slot) throws PlugException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/api/bmc?" + query))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token.get())
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlugException("Cannot reach the Turing Pi BMC at " + baseUrl + " for " + slot.hostname() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlugException("Interrupted while talking to the Turing Pi BMC.", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new PlugException("The Turing Pi BMC rejected PiRack's token (HTTP " + response.statusCode()
                    + "): sign in to the BMC again.");
        }
        if (response.statusCode() != 200) {
            throw new PlugException("The Turing Pi BMC answered HTTP " + response.statusCode() + " for " + slot.hostname() + ".");
        }
        try {
            return JsonMapper.shared().readTree(response.body());
        } catch (JacksonException e) {
            throw new PlugException("The Turing Pi BMC sent something that is not JSON.", e);
        }
    }
}
