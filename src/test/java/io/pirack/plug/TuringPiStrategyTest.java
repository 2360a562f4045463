package io.pirack.plug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TuringPiStrategyTest {

    private HttpServer bmc;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String powerAnswer = "{\"response\":[{\"node1\":1,\"node2\":1,\"node3\":0,\"node4\":1}]}";
    private volatile int status = 200;

    @BeforeEach
    void startBmc() throws IOException {
        bmc = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bmc.createContext("/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            requests.add(exchange.getRequestMethod() + " " + uri + " | " + exchange.getRequestHeaders().getFirst("Authorization"));
            String body = uri.contains("opt=get") ? powerAnswer : "{\"response\":[{\"result\":\"ok\"}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        bmc.start();
    }

    @AfterEach
    void stopBmc() {
        bmc.stop(0);
    }

    private TuringPiStrategy strategy() {
        URI base = TuringPiStrategy.parseBaseUrl("http://127.0.0.1:" + bmc.getAddress().getPort()).orThrow();
        return new TuringPiStrategy(HttpClient.newHttpClient(), base, () -> "s3cret-token", Duration.ofSeconds(5));
    }

    private static PiSlot node(int number) {
        return new PiSlot("rpi" + number, NodeRole.WORKER, null, null, null, 0, null, null, null, 0, number);
    }

    @Test
    void pullAndRestoreSwitchExactlyThatNodeWithTheBearerToken() throws Exception {
        assertEquals(new PullResult(null, "Turing Pi node 3 powered off"), strategy().pull(node(3)));
        strategy().restore(node(3));
        assertEquals(List.of(
                "GET /api/bmc?opt=set&type=power&node3=0 | Bearer s3cret-token",
                "GET /api/bmc?opt=set&type=power&node3=1 | Bearer s3cret-token"), requests);
    }

    @Test
    void statusReadsThePowerOfTheNode() throws Exception {
        assertEquals(new PlugStatus(true, false, "Turing Pi node 3 off"), strategy().status(node(3)));
        assertEquals(new PlugStatus(false, false, "Turing Pi node 2 on"), strategy().status(node(2)));
        assertEquals("GET /api/bmc?opt=get&type=power | Bearer s3cret-token", requests.get(0));
    }

    @Test
    void rejectedTokenSaysSo() {
        status = 401;
        PlugException e = assertThrows(PlugException.class, () -> strategy().pull(node(1)));
        assertEquals("The Turing Pi BMC rejected PiRack's token (HTTP 401): sign in to the BMC again.", e.getMessage());
    }

    @Test
    void missingNodeInThePowerAnswerIsAnError() {
        powerAnswer = "{\"response\":[{}]}";
        assertThrows(PlugException.class, () -> strategy().status(node(4)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, -1})
    void nodeNumbersOutsideOneToFourAreRefusedBeforeAnyRequest(int number) {
        assertFalse(strategy().isAvailable(node(number)));
        assertThrows(PlugException.class, () -> strategy().pull(node(number)));
        assertEquals(List.of(), requests);
    }

    @ParameterizedTest
    @ValueSource(strings = {"turingpi.local", "https://turingpi.local/api?x=1", "ftp://turingpi.local", "https://user@tp"})
    void bmcAddressesOtherThanABareHttpUrlAreRefused(String url) {
        assertFalse(TuringPiStrategy.parseBaseUrl(url).isValid(), url);
    }
}
