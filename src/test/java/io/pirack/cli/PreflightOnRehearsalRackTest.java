package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code pirack preflight --sim} end to end: starts the rehearsal rack, reads it, judges it. */
class PreflightOnRehearsalRackTest {

    @Test
    void demoTunedRehearsalRackIsReadyForTheShowAsJson() {
        CliRun run = CliRun.of("preflight", "--sim", "--json");

        assertEquals(PreflightCommand.READY, run.exitCode(), run.out() + run.err());
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertTrue(json.get("ready").asBoolean());
        assertTrue(json.get("headline").asString().startsWith("Ready for the show"), json.toString());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : json.get("items")) {
            ids.add(item.get("id").asString());
            assertTrue(item.has("title") && item.has("status") && item.has("detail") && item.has("fix"), item.toString());
        }
        assertEquals(List.of("network", "permissions", "nodes", "images", "image-architecture", "tolerations", "control-plane", "dead-man", "clocks"), ids);
        assertEquals("PASS", status(json, "nodes"));
        assertTrue(detail(json, "nodes").startsWith("4/4 Ready"), detail(json, "nodes"));
        assertEquals("PASS", status(json, "tolerations"));
        assertTrue(detail(json, "tolerations").contains("demo/hello 5 s"), detail(json, "tolerations"));
        assertEquals("PASS", status(json, "images"));
        // The rehearsal rack needs no booth network: skipped with the reason, never a pass and never a FAIL.
        assertEquals("SKIP", status(json, "network"));
        assertEquals("not needed for the rehearsal rack", detail(json, "network"));
        assertEquals("SKIP", status(json, "permissions"));
        assertEquals("not needed: the rehearsal rack has no RBAC", detail(json, "permissions"));
    }

    @Test
    void unreadableKubeconfigExitsTwoWithTheReason() {
        CliRun run = CliRun.of("preflight", "--kubeconfig", "/nonexistent/kubeconfig");

        assertEquals(PreflightCommand.CANNOT_CHECK, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("Cannot run the preflight: could not connect to kubeconfig /nonexistent/kubeconfig"), run.err());
        assertTrue(!run.err().contains("\tat "), run.err());
    }

    private static String status(JsonNode json, String id) {
        return item(json, id).get("status").asString();
    }

    private static String detail(JsonNode json, String id) {
        return item(json, id).get("detail").asString();
    }

    private static JsonNode item(JsonNode json, String id) {
        for (JsonNode item : json.get("items")) {
            if (id.equals(item.get("id").asString())) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + json);
    }
}
